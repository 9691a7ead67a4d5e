/**
 * Cue words of reported speech, as data. Each entry lists the word forms and the frames
 * the cue takes; the extractor interprets frames, never particular words.
 *  - "say":       SPEAKER CUE (that) CONTENT  |  CONTENT, CUE SPEAKER  |  CONTENT, SPEAKER CUE
 *  - "tell":      SPEAKER CUE HEARER (that) CONTENT (the hearer is skipped)
 *  - "quote-as":  X CUE SPEAKER as saying (that) CONTENT (the speaker is the object)
 *  - "prep":      CUE SPEAKER, CONTENT  |  CONTENT, CUE SPEAKER  ("according to")
 *  - "direct":    only introduces or closes direct quotes (no indirect content of its own)
 *  - "attitude":  SPEAKER CUE (for|on|about|of|to|against|out)? CONTENT: stances and acts of
 *                 communication whose object is the attributed content ("Cruz criticized the deal")
 */
import { wordTable } from "../../util/table.js";
import { LowerFormFilter } from "../words.js";

export type CueFrame = "say" | "tell" | "quote-as" | "prep" | "direct" | "attitude";

export interface CueEntry {
  lemma: string;
  forms: string[];
  frame: CueFrame;
}

export const CUES: CueEntry[] = [
  { lemma: "say", forms: ["say", "says", "said", "saying"], frame: "say" },
  { lemma: "tell", forms: ["tell", "tells", "told", "telling"], frame: "tell" },
  { lemma: "add", forms: ["add", "adds", "added", "adding"], frame: "say" },
  { lemma: "state", forms: ["state", "states", "stated", "stating"], frame: "say" },
  { lemma: "claim", forms: ["claim", "claims", "claimed", "claiming"], frame: "say" },
  { lemma: "announce", forms: ["announce", "announces", "announced", "announcing"], frame: "say" },
  { lemma: "report", forms: ["report", "reports", "reported", "reporting"], frame: "say" },
  { lemma: "insist", forms: ["insist", "insists", "insisted", "insisting"], frame: "say" },
  { lemma: "argue", forms: ["argue", "argues", "argued", "arguing"], frame: "say" },
  { lemma: "warn", forms: ["warn", "warns", "warned", "warning"], frame: "say" },
  { lemma: "explain", forms: ["explain", "explains", "explained", "explaining"], frame: "say" },
  { lemma: "note", forms: ["note", "notes", "noted", "noting"], frame: "say" },
  { lemma: "write", forms: ["write", "writes", "wrote", "writing"], frame: "say" },
  { lemma: "tweet", forms: ["tweet", "tweets", "tweeted", "tweeting"], frame: "say" },
  { lemma: "declare", forms: ["declare", "declares", "declared", "declaring"], frame: "say" },
  { lemma: "confirm", forms: ["confirm", "confirms", "confirmed", "confirming"], frame: "say" },
  { lemma: "deny", forms: ["deny", "denies", "denied", "denying"], frame: "say" },
  { lemma: "acknowledge", forms: ["acknowledge", "acknowledges", "acknowledged", "acknowledging"], frame: "say" },
  { lemma: "suggest", forms: ["suggest", "suggests", "suggested", "suggesting"], frame: "say" },
  { lemma: "predict", forms: ["predict", "predicts", "predicted", "predicting"], frame: "say" },
  { lemma: "admit", forms: ["admit", "admits", "admitted", "admitting"], frame: "say" },
  { lemma: "assert", forms: ["assert", "asserts", "asserted", "asserting"], frame: "say" },
  { lemma: "contend", forms: ["contend", "contends", "contended"], frame: "say" },
  { lemma: "maintain", forms: ["maintain", "maintains", "maintained"], frame: "say" },
  { lemma: "stress", forms: ["stress", "stresses", "stressed"], frame: "say" },
  { lemma: "emphasize", forms: ["emphasize", "emphasizes", "emphasized", "emphasise", "emphasised"], frame: "say" },
  { lemma: "believe", forms: ["believe", "believes", "believed"], frame: "say" },
  { lemma: "think", forms: ["think", "thinks", "thought"], frame: "say" },
  { lemma: "promise", forms: ["promise", "promises", "promised", "promising"], frame: "say" },
  { lemma: "vow", forms: ["vow", "vows", "vowed"], frame: "say" },
  { lemma: "pledge", forms: ["pledge", "pledges", "pledged"], frame: "say" },
  { lemma: "recall", forms: ["recall", "recalls", "recalled"], frame: "say" },
  { lemma: "reply", forms: ["reply", "replies", "replied"], frame: "say" },
  { lemma: "respond", forms: ["respond", "responds", "responded"], frame: "say" },
  { lemma: "observe", forms: ["observe", "observes", "observed"], frame: "say" },
  { lemma: "remark", forms: ["remark", "remarks", "remarked"], frame: "say" },
  { lemma: "complain", forms: ["complain", "complains", "complained"], frame: "say" },
  { lemma: "concede", forms: ["concede", "concedes", "conceded"], frame: "say" },
  { lemma: "estimate", forms: ["estimate", "estimates", "estimated"], frame: "say" },
  { lemma: "find", forms: ["found", "finds"], frame: "say" },
  { lemma: "show", forms: ["show", "shows", "showed"], frame: "say" },
  { lemma: "agree", forms: ["agree", "agrees", "agreed"], frame: "say" },
  { lemma: "ask", forms: ["ask", "asks", "asked", "asking"], frame: "attitude" },
  { lemma: "shout", forms: ["shout", "shouts", "shouted", "shouting"], frame: "direct" },
  { lemma: "yell", forms: ["yell", "yells", "yelled", "yelling"], frame: "direct" },
  { lemma: "chant", forms: ["chant", "chants", "chanted", "chanting"], frame: "direct" },
  { lemma: "scream", forms: ["scream", "screams", "screamed", "screaming"], frame: "direct" },
  { lemma: "cry", forms: ["cried"], frame: "direct" },
  { lemma: "continue", forms: ["continued"], frame: "direct" },
  { lemma: "call", forms: ["call", "calls", "called", "calling"], frame: "direct" },
  { lemma: "inform", forms: ["inform", "informs", "informed"], frame: "tell" },
  { lemma: "assure", forms: ["assure", "assures", "assured"], frame: "tell" },
  { lemma: "remind", forms: ["remind", "reminds", "reminded"], frame: "tell" },
  { lemma: "support", forms: ["support", "supports", "supported", "supporting"], frame: "attitude" },
  { lemma: "want", forms: ["want", "wants", "wanted"], frame: "attitude" },
  { lemma: "criticize", forms: ["criticize", "criticizes", "criticized", "criticizing", "criticise", "criticised"], frame: "attitude" },
  { lemma: "describe", forms: ["describe", "describes", "described", "describing"], frame: "attitude" },
  { lemma: "expect", forms: ["expect", "expects", "expected"], frame: "attitude" },
  { lemma: "praise", forms: ["praise", "praises", "praised", "praising"], frame: "attitude" },
  { lemma: "attack", forms: ["attacked", "attacking", "attacks"], frame: "attitude" },
  { lemma: "endorse", forms: ["endorse", "endorses", "endorsed", "endorsing"], frame: "attitude" },
  { lemma: "urge", forms: ["urge", "urges", "urged", "urging"], frame: "attitude" },
  { lemma: "accuse", forms: ["accuse", "accuses", "accused", "accusing"], frame: "attitude" },
  { lemma: "plan", forms: ["plans", "planned"], frame: "attitude" },
  { lemma: "refuse", forms: ["refuse", "refuses", "refused", "refusing"], frame: "attitude" },
  { lemma: "mention", forms: ["mention", "mentions", "mentioned", "mentioning"], frame: "attitude" },
  { lemma: "discuss", forms: ["discuss", "discusses", "discussed", "discussing"], frame: "attitude" },
  { lemma: "question", forms: ["questioned", "questions", "questioning"], frame: "attitude" },
  { lemma: "oppose", forms: ["oppose", "opposes", "opposed", "opposing"], frame: "attitude" },
  { lemma: "back", forms: ["backs", "backed", "backing"], frame: "attitude" },
  { lemma: "blame", forms: ["blame", "blames", "blamed", "blaming"], frame: "attitude" },
  { lemma: "condemn", forms: ["condemn", "condemns", "condemned", "condemning"], frame: "attitude" },
  { lemma: "welcome", forms: ["welcomed", "welcomes"], frame: "attitude" },
  { lemma: "reject", forms: ["reject", "rejects", "rejected", "rejecting"], frame: "attitude" },
  { lemma: "demand", forms: ["demand", "demands", "demanded", "demanding"], frame: "attitude" },
  { lemma: "propose", forms: ["propose", "proposes", "proposed", "proposing"], frame: "attitude" },
  { lemma: "hope", forms: ["hope", "hopes", "hoped"], frame: "attitude" },
  { lemma: "fear", forms: ["fear", "fears", "feared"], frame: "attitude" },
  { lemma: "worry", forms: ["worry", "worries", "worried"], frame: "attitude" },
  { lemma: "doubt", forms: ["doubt", "doubts", "doubted"], frame: "attitude" },
  { lemma: "know", forms: ["know", "knows", "knew"], frame: "attitude" },
  { lemma: "recommend", forms: ["recommend", "recommends", "recommended"], frame: "attitude" },
  { lemma: "defend", forms: ["defend", "defends", "defended", "defending"], frame: "attitude" },
  { lemma: "dismiss", forms: ["dismissed", "dismisses", "dismissing"], frame: "attitude" },
  { lemma: "slam", forms: ["slammed", "slams", "slamming"], frame: "attitude" },
  { lemma: "blast", forms: ["blasted", "blasts", "blasting"], frame: "attitude" },
  { lemma: "thank", forms: ["thank", "thanks", "thanked", "thanking"], frame: "attitude" },
  { lemma: "mock", forms: ["mocked", "mocks", "mocking"], frame: "attitude" },
  { lemma: "challenge", forms: ["challenged", "challenges"], frame: "attitude" },
  { lemma: "cite", forms: ["cite", "cites", "cited"], frame: "attitude" },
  { lemma: "highlight", forms: ["highlight", "highlights", "highlighted"], frame: "attitude" },
  { lemma: "talk", forms: ["talk", "talks", "talked", "talking"], frame: "attitude" },
  { lemma: "point", forms: ["pointed"], frame: "attitude" },
  { lemma: "push", forms: ["pushed", "pushing"], frame: "attitude" },
  { lemma: "decline", forms: ["declined", "declines"], frame: "attitude" },
  { lemma: "see", forms: ["see", "sees", "saw"], frame: "attitude" },
  { lemma: "seem", forms: ["seems", "seemed"], frame: "attitude" },
  { lemma: "quote", forms: ["quote", "quotes", "quoted", "quoting"], frame: "quote-as" },
  { lemma: "according to", forms: ["according to"], frame: "prep" },
  { lemma: "citing", forms: ["citing"], frame: "prep" },
];

const BY_FORM = new Map<string, CueEntry>();
for (const c of CUES) for (const f of c.forms) BY_FORM.set(f, c);

export function cueEntry(word: string): CueEntry | undefined {
  return BY_FORM.get(word.toLowerCase());
}

/** Whether a token's lower-case form can be a cue form or "according" (ruled out by first character and length). */
export const CUE_FORMS = new LowerFormFilter([...BY_FORM.keys(), "according"]);

/** `cueEntry` of a word already in lower case (no lower-casing per call). */
export function cueEntryLower(lower: string): CueEntry | undefined {
  return BY_FORM.get(lower);
}

/** Words that head a speaker phrase without being names (role nouns are found by POS instead). */
export const PRONOUNS: Record<string, "m" | "f" | "n" | "p"> = wordTable<"m" | "f" | "n" | "p">({
  he: "m", she: "f", it: "n", they: "p", him: "m", her: "f", them: "p", i: "p", we: "p",
});

/** Titles that start a person's name. */
export const TITLES = new Set([
  "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt", "prof", "president", "minister",
  "secretary", "senator", "governor", "ambassador", "chancellor", "king", "queen", "prince", "pope", "judge", "mayor",
  "general", "spokesman", "spokeswoman", "sir", "lord", "lady", "rev",
]);
