/**
 * CAMEO event code names (short, lower case), written for Crosscheck from the CAMEO codebook's
 * category list: the 20 root codes and the common second- and third-level codes.
 */
export const CAMEO_NAMES: Record<string, string> = {
  "01": "make public statement", "010": "make statement", "011": "decline comment", "012": "make pessimistic comment", "013": "make optimistic comment",
  "014": "consider policy option", "015": "acknowledge or claim responsibility", "016": "deny responsibility", "017": "engage in symbolic act",
  "018": "make empathetic comment", "019": "express accord",
  "02": "appeal", "020": "make an appeal or request", "021": "appeal for material cooperation", "022": "appeal for diplomatic cooperation",
  "023": "appeal for aid", "024": "appeal for political reform", "025": "appeal to yield", "026": "appeal to others to meet or negotiate",
  "027": "appeal to others to settle dispute", "028": "appeal to engage in or accept mediation",
  "03": "express intent to cooperate", "030": "express intent to cooperate", "031": "express intent to engage in material cooperation",
  "032": "express intent to provide diplomatic cooperation", "033": "express intent to provide aid", "034": "express intent to institute political reform",
  "035": "express intent to yield", "036": "express intent to meet or negotiate", "037": "express intent to settle dispute",
  "038": "express intent to accept mediation", "039": "express intent to mediate",
  "04": "consult", "040": "consult", "041": "discuss by telephone", "042": "make a visit", "043": "host a visit", "044": "meet at a third location",
  "045": "mediate", "046": "engage in negotiation",
  "05": "engage in diplomatic cooperation", "050": "engage in diplomatic cooperation", "051": "praise or endorse", "052": "defend verbally",
  "053": "rally support on behalf of", "054": "grant diplomatic recognition", "055": "apologize", "056": "forgive", "057": "sign formal agreement",
  "06": "engage in material cooperation", "060": "engage in material cooperation", "061": "cooperate economically", "062": "cooperate militarily",
  "063": "engage in judicial cooperation", "064": "share intelligence or information",
  "07": "provide aid", "070": "provide aid", "071": "provide economic aid", "072": "provide military aid", "073": "provide humanitarian aid",
  "074": "provide military protection or peacekeeping", "075": "grant asylum",
  "08": "yield", "080": "yield", "081": "ease administrative sanctions", "082": "ease political dissent", "083": "accede to requests for political reform",
  "084": "return, release", "0841": "return, release person(s)", "0842": "return, release property", "085": "ease economic sanctions, boycott, embargo",
  "086": "allow international involvement", "087": "de-escalate military engagement",
  "09": "investigate", "090": "investigate", "091": "investigate crime, corruption", "092": "investigate human rights abuses",
  "093": "investigate military action", "094": "investigate war crimes",
  "10": "demand", "100": "demand", "101": "demand material cooperation", "102": "demand diplomatic cooperation", "103": "demand aid",
  "104": "demand political reform", "105": "demand that target yields", "106": "demand meeting, negotiation", "107": "demand settling of dispute",
  "108": "demand mediation",
  "11": "disapprove", "110": "disapprove", "111": "criticize or denounce", "112": "accuse", "1121": "accuse of crime, corruption",
  "1122": "accuse of human rights abuses", "1123": "accuse of aggression", "1124": "accuse of war crimes", "1125": "accuse of espionage, treason",
  "113": "rally opposition against", "114": "complain officially", "115": "bring lawsuit against", "116": "find guilty or liable",
  "12": "reject", "120": "reject", "121": "reject material cooperation", "122": "reject request or demand for aid", "123": "reject request for political reform",
  "124": "refuse to yield", "125": "reject proposal to meet or negotiate", "126": "reject mediation", "127": "reject plan, agreement",
  "128": "defy norms, law", "129": "veto",
  "13": "threaten", "130": "threaten", "131": "threaten non-force", "132": "threaten with administrative sanctions", "133": "threaten political dissent",
  "134": "threaten to halt negotiations", "135": "threaten to halt mediation", "136": "threaten to halt international involvement",
  "137": "threaten with repression", "138": "threaten to use military force", "139": "give ultimatum",
  "14": "protest", "140": "engage in political dissent", "141": "demonstrate or rally", "142": "conduct hunger strike", "143": "conduct strike or boycott",
  "144": "obstruct passage, block", "145": "protest violently, riot",
  "15": "exhibit force posture", "150": "demonstrate military or police power", "151": "increase police alert status", "152": "increase military alert status",
  "153": "mobilize or increase police power", "154": "mobilize or increase armed forces",
  "16": "reduce relations", "160": "reduce relations", "161": "reduce or break diplomatic relations", "162": "reduce or stop aid",
  "163": "impose embargo, boycott, or sanctions", "164": "halt negotiations", "165": "halt mediation", "166": "expel or withdraw",
  "17": "coerce", "170": "coerce", "171": "seize or damage property", "1711": "confiscate property", "1712": "destroy property",
  "172": "impose administrative sanctions", "1721": "impose restrictions on political freedoms", "1722": "ban political parties or politicians",
  "1723": "impose curfew", "1724": "impose state of emergency or martial law", "173": "arrest, detain", "174": "expel or deport individuals",
  "175": "use tactics of violent repression", "176": "attack cybernetically",
  "18": "assault", "180": "use unconventional violence", "181": "abduct, hijack, take hostage", "182": "physically assault",
  "1821": "sexually assault", "1822": "torture", "1823": "kill by physical assault", "183": "conduct suicide, car, or other non-military bombing",
  "184": "use as human shield", "185": "attempt to assassinate", "186": "assassinate",
  "19": "fight", "190": "use conventional military force", "191": "impose blockade, restrict movement", "192": "occupy territory",
  "193": "fight with small arms and light weapons", "194": "fight with artillery and tanks", "195": "employ aerial weapons",
  "1951": "employ precision-guided aerial munitions", "1952": "employ remotely piloted aerial munitions", "196": "violate ceasefire",
  "20": "use unconventional mass violence", "200": "use unconventional mass violence", "201": "engage in mass expulsion", "202": "engage in mass killings",
  "203": "engage in ethnic cleansing", "204": "use weapons of mass destruction",
};

/** The name of a code, falling back to its parents ("1823" → "kill by physical assault", "0457" → "consult"). */
export function cameoName(code: string): string {
  for (let n = code.length; n >= 2; n--) {
    const name = CAMEO_NAMES[code.slice(0, n)];
    if (name) return name;
  }
  return "event";
}

/** Root (two-digit) code. */
export function cameoRoot(code: string): string {
  return code.slice(0, 2);
}

/** QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export function quadClass(code: string): 1 | 2 | 3 | 4 {
  const r = Number(code.slice(0, 2));
  if (r <= 5) return 1;
  if (r <= 9) return 2;
  if (r <= 14) return 3;
  return 4;
}
