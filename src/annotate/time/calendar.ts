/** Small calendar helpers over UTC dates, and TimeML value formatting. */

export interface Ymd {
  y: number;
  m: number; // 1-12
  d: number;
}

export function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

export function toDate(a: Ymd): Date {
  return new Date(Date.UTC(a.y, a.m - 1, a.d));
}

export function fromDate(d: Date): Ymd {
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

export function addDays(a: Ymd, n: number): Ymd {
  const d = toDate(a);
  d.setUTCDate(d.getUTCDate() + n);
  return fromDate(d);
}

export function addMonths(a: Ymd, n: number): Ymd {
  const total = a.y * 12 + (a.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { y, m, d: Math.min(a.d, last) };
}

/** ISO weekday, Monday = 1 .. Sunday = 7. */
export function weekday(a: Ymd): number {
  const w = toDate(a).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week-numbering year and week. */
export function isoWeek(a: Ymd): { y: number; w: number } {
  const d = toDate(a);
  const day = weekday(a);
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const y = d.getUTCFullYear();
  const jan1 = Date.UTC(y, 0, 1);
  const w = Math.ceil(((d.getTime() - jan1) / 86400000 + 1) / 7);
  return { y, w };
}

export function fmtDay(a: Ymd): string {
  return `${pad(a.y, 4)}-${pad(a.m)}-${pad(a.d)}`;
}

export function fmtMonth(a: { y: number; m: number }): string {
  return `${pad(a.y, 4)}-${pad(a.m)}`;
}

export function fmtWeek(a: Ymd): string {
  const { y, w } = isoWeek(a);
  return `${pad(y, 4)}-W${pad(w)}`;
}

export function quarterOf(a: { m: number }): number {
  return Math.floor((a.m - 1) / 3) + 1;
}

/** Parses an ISO date or date-time's date part; undefined when it is not one. */
export function parseIsoDay(s: string | undefined): Ymd | undefined {
  if (!s) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return undefined;
  const out = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (out.m < 1 || out.m > 12 || out.d < 1 || out.d > 31) return undefined;
  return out;
}
