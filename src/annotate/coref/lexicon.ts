/** Word lists the coreference sieve and the entity matcher share. All entries lower-case. */

export type Gender = "m" | "f" | "n" | "u";
export type NumberAgr = "s" | "p" | "u";
export type Animacy = "a" | "i" | "u";

export interface PronounInfo {
  gender: Gender;
  number: NumberAgr;
  animacy: Animacy;
  person: 1 | 2 | 3;
  case: "subj" | "obj" | "poss" | "refl";
}

const P = (gender: Gender, number: NumberAgr, animacy: Animacy, person: 1 | 2 | 3, c: PronounInfo["case"]): PronounInfo => ({ gender, number, animacy, person, case: c });

export const PRONOUNS: ReadonlyMap<string, PronounInfo> = new Map([
  ["he", P("m", "s", "a", 3, "subj")],
  ["him", P("m", "s", "a", 3, "obj")],
  ["his", P("m", "s", "a", 3, "poss")],
  ["himself", P("m", "s", "a", 3, "refl")],
  ["she", P("f", "s", "a", 3, "subj")],
  ["her", P("f", "s", "a", 3, "obj")],
  ["hers", P("f", "s", "a", 3, "poss")],
  ["herself", P("f", "s", "a", 3, "refl")],
  ["it", P("n", "s", "i", 3, "subj")],
  ["its", P("n", "s", "i", 3, "poss")],
  ["itself", P("n", "s", "i", 3, "refl")],
  ["they", P("u", "p", "u", 3, "subj")],
  ["them", P("u", "p", "u", 3, "obj")],
  ["their", P("u", "p", "u", 3, "poss")],
  ["theirs", P("u", "p", "u", 3, "poss")],
  ["themselves", P("u", "p", "u", 3, "refl")],
]);

/** Titles and honorifics that precede a name; the value is the gender they imply. */
export const TITLES: ReadonlyMap<string, Gender> = new Map([
  ["mr", "m"], ["mr.", "m"], ["mister", "m"], ["sir", "m"], ["lord", "m"], ["king", "m"], ["prince", "m"], ["father", "m"], ["brother", "m"],
  ["mrs", "f"], ["mrs.", "f"], ["ms", "f"], ["ms.", "f"], ["miss", "f"], ["madam", "f"], ["lady", "f"], ["queen", "f"], ["princess", "f"], ["dame", "f"], ["sister", "f"],
  ["dr", "u"], ["dr.", "u"], ["prof", "u"], ["prof.", "u"], ["professor", "u"], ["president", "u"], ["vice", "u"], ["prime", "u"], ["minister", "u"],
  ["foreign", "u"], ["interior", "u"], ["defense", "u"], ["defence", "u"], ["secretary", "u"], ["general", "u"], ["gen", "u"], ["gen.", "u"],
  ["sen", "u"], ["sen.", "u"], ["senator", "u"], ["rep", "u"], ["rep.", "u"], ["gov", "u"], ["gov.", "u"], ["governor", "u"], ["mayor", "u"],
  ["ambassador", "u"], ["chancellor", "u"], ["judge", "u"], ["justice", "u"], ["chief", "u"], ["col", "u"], ["col.", "u"], ["capt", "u"], ["capt.", "u"],
  ["lt", "u"], ["lt.", "u"], ["sgt", "u"], ["sgt.", "u"], ["officer", "u"], ["pope", "m"], ["rev", "u"], ["rev.", "u"], ["reverend", "u"],
  ["sheikh", "m"], ["ayatollah", "m"], ["emir", "m"], ["sultan", "m"], ["speaker", "u"], ["commissioner", "u"],
  ["director", "u"], ["deputy", "u"], ["state", "u"], ["attorney", "u"], ["military", "u"], ["expert", "u"],
]);

/** Titles that only refer to people (so a name after them is a person). */
export const PERSON_TITLES = new Set(["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "lady", "dame", "president", "senator", "sen.", "gov.", "governor", "mayor", "ambassador", "minister", "secretary", "king", "queen", "prince", "princess", "pope", "gen.", "general", "chancellor", "professor", "prof.", "judge"]);

const ROLE_LIST = ["ambassador", "envoy", "diplomat", "president", "minister", "leader", "official", "spokesperson", "spokesman", "spokeswoman", "gunman",
  "attacker", "assailant", "shooter", "killer", "suspect", "officer", "policeman", "policewoman", "photographer", "journalist", "reporter", "correspondent",
  "analyst", "expert", "chairman", "chairwoman", "chief", "head", "secretary", "senator", "governor", "mayor", "king", "queen", "prince", "princess", "general",
  "commander", "victim", "author", "writer", "actor", "actress", "singer", "player", "coach", "founder", "director", "manager", "executive", "lawyer", "judge",
  "prosecutor", "witness", "man", "woman", "boy", "girl", "father", "mother", "husband", "wife", "son", "daughter", "brother", "sister", "poet", "activist",
  "premier", "chancellor", "candidate", "driver", "pilot", "doctor", "teacher", "student", "soldier", "businessman", "businesswoman", "priest", "emir", "sultan"];
const FEMALE_ROLES = new Set(["woman", "actress", "queen", "princess", "mother", "wife", "daughter", "sister", "girl", "spokeswoman", "policewoman", "chairwoman", "businesswoman"]);
const MALE_ROLES = new Set(["man", "gunman", "king", "prince", "father", "husband", "son", "brother", "boy", "emir", "sultan", "spokesman", "policeman", "chairman", "businessman"]);

/** Role nouns: a definite noun phrase headed by one of these can refer to a person; value = gender. */
export const ROLE_NOUNS: ReadonlyMap<string, Gender> = new Map(ROLE_LIST.map((w) => [w, FEMALE_ROLES.has(w) ? "f" : MALE_ROLES.has(w) ? "m" : "u"]));

/** Role nouns that name the same kind of job, so "the envoy" can take up "the ambassador". */
export const ROLE_SYNONYMS: readonly (readonly string[])[] = [
  ["ambassador", "envoy", "diplomat"],
  ["gunman", "attacker", "assailant", "shooter", "killer", "suspect"],
  ["spokesman", "spokeswoman", "spokesperson"],
  ["president", "leader", "head"],
  ["prime minister", "premier"],
];

export function roleClass(noun: string): string {
  for (const group of ROLE_SYNONYMS) if (group.includes(noun)) return group[0]!;
  return noun;
}

/** Country or place name → demonyms (adjective and plural people noun). */
export const DEMONYMS: ReadonlyMap<string, readonly string[]> = new Map([
  ["russia", ["russian", "russians"]], ["turkey", ["turkish", "turks", "turk"]], ["syria", ["syrian", "syrians"]], ["united states", ["american", "americans", "u.s."]],
  ["america", ["american", "americans"]], ["britain", ["british", "briton", "britons"]], ["united kingdom", ["british"]], ["france", ["french"]],
  ["germany", ["german", "germans"]], ["china", ["chinese"]], ["japan", ["japanese"]], ["iran", ["iranian", "iranians"]], ["iraq", ["iraqi", "iraqis"]],
  ["israel", ["israeli", "israelis"]], ["ukraine", ["ukrainian", "ukrainians"]], ["poland", ["polish", "poles"]], ["india", ["indian", "indians"]],
  ["pakistan", ["pakistani", "pakistanis"]], ["egypt", ["egyptian", "egyptians"]], ["lebanon", ["lebanese"]], ["armenia", ["armenian", "armenians"]],
  ["greece", ["greek", "greeks"]], ["italy", ["italian", "italians"]], ["spain", ["spanish", "spaniards"]], ["canada", ["canadian", "canadians"]],
  ["mexico", ["mexican", "mexicans"]], ["north korea", ["north korean", "north koreans"]], ["south korea", ["south korean", "south koreans"]], ["korea", ["korean", "koreans"]],
  ["saudi arabia", ["saudi", "saudis"]], ["afghanistan", ["afghan", "afghans"]], ["europe", ["european", "europeans"]], ["soviet union", ["soviet"]],
  ["kurdistan", ["kurdish", "kurds"]], ["netherlands", ["dutch"]], ["sweden", ["swedish", "swedes"]], ["norway", ["norwegian", "norwegians"]],
  ["australia", ["australian", "australians"]], ["brazil", ["brazilian", "brazilians"]], ["nigeria", ["nigerian", "nigerians"]], ["qatar", ["qatari"]],
  ["jordan", ["jordanian"]], ["libya", ["libyan", "libyans"]], ["yemen", ["yemeni", "yemenis"]], ["cuba", ["cuban", "cubans"]], ["venezuela", ["venezuelan"]],
]);

const DEMONYM_TO_PLACE = new Map<string, string>();
for (const [place, ds] of DEMONYMS) for (const d of ds) if (!DEMONYM_TO_PLACE.has(d)) DEMONYM_TO_PLACE.set(d, place);
/** "Russian" → "russia"; undefined when the word is no demonym. */
export function demonymPlace(word: string): string | undefined {
  return DEMONYM_TO_PLACE.get(word.toLowerCase());
}
export function isDemonym(word: string): boolean {
  return DEMONYM_TO_PLACE.has(word.toLowerCase());
}

/** Capital or seat of government used as a metonym for the state ("Moscow’s ambassador"). */
export const CAPITALS: ReadonlyMap<string, string> = new Map([
  ["moscow", "russia"], ["ankara", "turkey"], ["damascus", "syria"], ["washington", "united states"], ["london", "britain"], ["paris", "france"],
  ["berlin", "germany"], ["beijing", "china"], ["tehran", "iran"], ["kremlin", "russia"], ["kiev", "ukraine"], ["kyiv", "ukraine"], ["tokyo", "japan"],
]);

/** Last words that make a capitalised name an organisation. */
export const ORG_WORDS = new Set(["ministry", "agency", "center", "centre", "nations", "council", "committee", "party", "organization", "organisation", "union",
  "association", "department", "bank", "company", "corporation", "corp.", "inc.", "ltd", "group", "army", "forces", "force", "police", "news", "times", "post",
  "network", "institute", "university", "college", "school", "embassy", "consulate", "office", "court", "parliament", "senate", "congress", "assembly", "state",
  "government", "commission", "foundation", "fund", "house", "units", "front", "brigade", "federation", "league", "club", "museum", "hospital", "ministries", "reuters",
  "nato", "duma", "kremlin", "pkk", "ypg", "isis", "cnn", "bbc"]);

/** Last words that make a capitalised name a location. */
export const LOC_WORDS = new Set(["avenue", "street", "square", "province", "city", "river", "mountains", "sea", "ocean", "island", "islands", "region", "district", "area", "valley", "county", "republic"]);

/** Particles inside personal names ("Bashar al-Assad", "Jose de Venecia"). */
export const NAME_PARTICLES = new Set(["al", "al-", "el", "de", "da", "di", "du", "van", "von", "der", "den", "bin", "ibn", "le", "la", "del", "dos", "ben", "abu", "mac"]);

/** Generational suffixes. */
export const NAME_SUFFIXES = new Set(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"]);

/** Capitalised words that are not names when they stand alone. */
export const NOT_NAMES = new Set(["god", "i", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
  "may", "june", "july", "august", "september", "october", "november", "december", "today", "yesterday", "photos", "story", "highlights", "the", "a", "an", "but",
  "and", "or", "if", "when", "while", "in", "on", "at", "for", "of", "to", "this", "that", "these", "those", "it", "he", "she", "they", "we", "you", "his", "her", "their"]);
