/**
 * Word tables used to compare and profile statements. Rules are data: extend the tables, not the code.
 */

/** Words that say the same thing in news copy, mapped to one concept. */
export const CONCEPTS: Record<string, string[]> = {
  kill: ["kill", "killed", "killing", "assassinate", "assassinated", "assassination", "murder", "murdered", "slay", "slain", "shoot", "shot", "shooting", "gun", "gunned", "fatally"],
  attack: ["attack", "attacked", "assault", "assaulted", "strike", "struck", "raid"],
  attacker: ["gunman", "assailant", "attacker", "shooter", "killer", "assassin", "perpetrator"],
  envoy: ["ambassador", "envoy", "diplomat", "emissary"],
  exhibit: ["gallery", "exhibit", "exhibition", "museum", "art", "arts"],
  police: ["police", "policeman", "officer", "cop", "policemen"],
  aircraft: ["aircraft", "plane", "jet", "warplane", "fighter", "bomber", "airplane"],
  down: ["down", "downed", "downing"],
  meet: ["meet", "met", "meeting", "talks", "summit", "visit", "visited"],
  coup: ["coup", "putsch", "overthrow", "uprising"],
  condemn: ["condemn", "condemned", "denounce", "denounced", "deplore", "criticize", "criticise", "criticized"],
  provoke: ["provocation", "provocative", "provoke", "provoked", "sabotage"],
  terror: ["terror", "terrorism", "terrorist", "terrorists", "jihadist", "militant", "militants", "extremist"],
  wound: ["wound", "wounded", "injure", "injured", "injuring", "hurt"],
  die: ["die", "died", "dead", "death", "deaths"],
  refugee: ["refugee", "refugees", "migrant", "migrants"],
  relation: ["relation", "relations", "ties", "relationship"],
  sanction: ["sanction", "sanctions", "embargo", "ban", "banned"],
  capital: ["capital"],
  investigate: ["investigate", "investigation", "investigating", "probe", "inquiry"],
  arrest: ["arrest", "arrested", "detain", "detained", "custody"],
  say: ["say", "said", "says", "tell", "told", "state", "stated", "statement", "announce", "announced"],
};

const CONCEPT_OF = new Map<string, string>();
for (const [concept, words] of Object.entries(CONCEPTS)) for (const w of words) CONCEPT_OF.set(w, concept);

/** Function and reporting words that carry no content for alignment. */
export const STOPWORDS = new Set(
  (
    "a an the and or but if then than that this these those there here of in on at by for with from to into onto over under " +
    "about after before during since until while as is are was were be been being has have had do does did will would shall " +
    "should can could may might must it its it’s he she they them their his her him we us our you your i me my mine who whom " +
    "whose which what when where why how not no nor so too very also just only even more most much many some any each other " +
    "such own same all both few one ones said say says according mr mrs ms dr new year years day days time week month"
  ).split(/\s+/),
);

const conceptMemo = new Map<string, string>();

/** The concept a word stands for (a synonym group's name, else its stem); memoised, the table is fixed. */
export function concept(word: string): string {
  let c = conceptMemo.get(word);
  if (c === undefined) {
    const w = word.toLowerCase();
    c = CONCEPT_OF.get(w) ?? CONCEPT_OF.get(stem(w)) ?? stem(w);
    if (conceptMemo.size >= 500_000) conceptMemo.clear();
    conceptMemo.set(word, c);
  }
  return c;
}

/** A light suffix stripper, enough to match inflections of the same word. */
export function stem(w: string): string {
  if (w.length <= 3) return w;
  if (w.endsWith("’s") || w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith("ies") && w.length > 4) return w.slice(0, -3) + "y";
  if (w.endsWith("sses")) return w.slice(0, -2);
  if (w.endsWith("ing") && w.length > 5) return w.slice(0, -3);
  if (w.endsWith("ed") && w.length > 4) return w.slice(0, -2);
  if (w.endsWith("es") && /(?:sh|ch|x|z|ss)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) return w.slice(0, -1);
  return w;
}

/** Hedging: the writer does not commit to the statement. */
export const HEDGES = /\b(?:may|might|could|likely|unlikely|possibly|perhaps|probably|apparently|reportedly|allegedly|appears?|appeared|seem(?:s|ed)?|suggest(?:s|ed)?|not (?:immediately )?clear|unclear|it is (?:thought|believed)|expected to)\b/i;

/** Opinion: evaluation, prescription, prediction and argument markers. */
export const OPINION = /\b(?:should|must|ought|need to|i think|i believe|in fact|of course|clearly|surely|undoubtedly|nor are|convenience|at the expense of|the truth is|it is time|we need|arguably|indeed|likely to)\b/i;

/** Promotion: selling, recruiting, calls to act, self-description of an outlet or ministry. */
export const PROMOTIONAL = /\b(?:subscribe|sign up|donate|follow us|join us|our mission|ministr(?:y|ies)|founder|ceo|gospel|prophecy|buy now|order now|newsletter|sponsored|click here|download (?:our|the) app|spreading the|bring hard evidence)\b/i;

/** Sensational wording. */
export const SENSATIONAL = /\b(?:shocking|horrific|horrifying|brutal|chilling|stunning|terrifying|bloodbath|massacre|slaughter|carnage|chaos|humiliat\w*|outrage\w*|explosive|bombshell|reeling|heinous|despicabl\w*|nightmare|catastroph\w*|devastat\w*|arch nemesis)\b/i;

/** First person outside quotes. */
export const FIRST_PERSON = /\b(?:I|I’m|I'm|I’ve|I've|me|my|mine|we|we’re|we're|us|our|ours)\b/;

/** Cues that a statement is reported from a source. */
export const ATTRIBUTION = /\b(?:said|says|say|told|tells|according to|stated|announced|reported|claimed|added|quoted|wrote|writes|confirmed|denied|insisted|warned|called it|described)\b/i;
