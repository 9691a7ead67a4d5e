/** Word lists for time expressions: month and weekday names, number words, units. */
import { wordTable } from "../../util/table.js";

export const MONTHS: Record<string, number> = wordTable({
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
});

export const WEEKDAYS: Record<string, number> = wordTable({
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thur: 4, thurs: 4,
  friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 7, sun: 7,
});

/** Regex source for a month name (full or abbreviated, with optional dot). */
export const MONTH_RE =
  "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.|Apr\\.?|Jun\\.|Jul\\.|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)";

export const WEEKDAY_RE = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

export const PART_OF_DAY: Record<string, string> = wordTable({
  morning: "MO", afternoon: "AF", evening: "EV", night: "NI", tonight: "NI", overnight: "NI", midday: "MI",
});

const SMALL: Record<string, number> = wordTable({
  zero: 0, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, dozen: 12, "a dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2, "a half": 0.5, half: 0.5,
});

const NUM_WORDS =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred";

/** A count: digits, number words ("twenty-four"), "a"/"an", or a vague quantity ("several", "a few"). */
export const NUM_RE = `(?:\\d+(?: 1/2|\\.\\d+)?|(?:${NUM_WORDS})(?:[- ](?:${NUM_WORDS}))*(?: and a half)?|a dozen|a couple of|couple of|an?|several|a few|few|some|many|dozens of|hundreds of|a number of)`;

const VAGUE = new Set(["several", "a few", "few", "some", "many", "dozens of", "hundreds of", "a number of"]);

/** The numeric value of a count; null for vague counts ("several"). */
export function parseCount(s: string): number | null {
  const w = s.toLowerCase().trim();
  if (VAGUE.has(w)) return null;
  if (/^\d+(?:\.\d+)?$/.test(w)) return Number(w);
  if (/^\d+ 1\/2$/.test(w)) return Number(w.slice(0, -4)) + 0.5;
  if (w in SMALL) return SMALL[w]!;
  let half = 0;
  let body = w;
  if (body.endsWith(" and a half")) {
    half = 0.5;
    body = body.slice(0, -" and a half".length);
  }
  let total = 0;
  for (const part of body.split(/[- ]/)) {
    const v = SMALL[part];
    if (v === undefined) return null;
    if (v === 100) total = (total || 1) * 100;
    else total += v;
  }
  return total + half;
}

/** Unit words and their TimeML duration codes; `time` units go after "T". */
export const UNITS: Record<string, { code: string; time?: boolean; factor?: number }> = {
  second: { code: "S", time: true },
  minute: { code: "M", time: true },
  hour: { code: "H", time: true },
  day: { code: "D" },
  night: { code: "D" },
  week: { code: "W" },
  weekend: { code: "WE" },
  fortnight: { code: "W", factor: 2 },
  month: { code: "M" },
  quarter: { code: "Q" },
  year: { code: "Y" },
  decade: { code: "Y", factor: 10 },
  century: { code: "Y", factor: 100 },
  centuries: { code: "Y", factor: 100 },
};

export const UNIT_RE =
  "(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|century|centuries)";

/** The singular unit key of a unit word ("decades" -> "decade"). */
export function unitKey(s: string): string {
  const w = s.toLowerCase();
  if (w === "centuries") return "century";
  return w.endsWith("s") ? w.slice(0, -1) : w;
}

export const ORDINALS: Record<string, number> = wordTable({
  first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4,
});

export const SEASONS: Record<string, string> = { spring: "SP", summer: "SU", fall: "FA", autumn: "FA", winter: "WI" };

export const HOLIDAYS: Record<string, [number, number]> = {
  christmas: [12, 25], "christmas day": [12, 25], "christmas eve": [12, 24], "new year's day": [1, 1],
  "new year's eve": [12, 31], "new year's": [1, 1], halloween: [10, 31], "independence day": [7, 4],
  "valentine's day": [2, 14],
};
