/**
 * Cue words of reported speech, as data. Each entry lists the word forms and the frames
 * the cue takes; the extractor interprets frames, never particular words.
 *  - "say":       SPEAKER CUE (that) CONTENT  |  CONTENT, CUE SPEAKER  |  CONTENT, SPEAKER CUE
 *  - "tell":      SPEAKER CUE HEARER (that) CONTENT (the hearer is skipped)
 *  - "quote-as":  X CUE SPEAKER as saying (that) CONTENT (the speaker is the object)
 *  - "prep":      CUE SPEAKER, CONTENT  |  CONTENT, CUE SPEAKER  ("according to")
 *  - "direct":    only introduces or closes direct quotes (no indirect content of its own)
 */
export type CueFrame = "say" | "tell" | "quote-as" | "prep" | "direct";

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
  { lemma: "ask", forms: ["ask", "asks", "asked", "asking"], frame: "direct" },
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
  { lemma: "quote", forms: ["quote", "quotes", "quoted", "quoting"], frame: "quote-as" },
  { lemma: "according to", forms: ["according to"], frame: "prep" },
  { lemma: "citing", forms: ["citing"], frame: "prep" },
];

const BY_FORM = new Map<string, CueEntry>();
for (const c of CUES) for (const f of c.forms) BY_FORM.set(f, c);

export function cueEntry(word: string): CueEntry | undefined {
  return BY_FORM.get(word.toLowerCase());
}

/** Words that head a speaker phrase without being names (role nouns are found by POS instead). */
export const PRONOUNS: Record<string, "m" | "f" | "n" | "p"> = {
  he: "m", she: "f", it: "n", they: "p", him: "m", her: "f", them: "p", i: "p", we: "p",
};

/** Titles that start a person's name. */
export const TITLES = new Set([
  "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt", "prof", "president", "minister",
  "secretary", "senator", "governor", "ambassador", "chancellor", "king", "queen", "prince", "pope", "judge", "mayor",
  "general", "spokesman", "spokeswoman", "sir", "lord", "lady", "rev",
]);
