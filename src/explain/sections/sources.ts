import { clip, esc, mdEscape, oneLine } from "../escape.js";
import type { ReportJSON } from "../report.js";
import { PieceRuns } from "../runs.js";
import { type ClaimJSON, columnNames, pct, type ProfileJSON, storyArray, storyGroups } from "./data.js";

export type CellState = "supports" | "contradicts" | "silent";

export interface MatrixCell {
  state: CellState;
  /** For "contradicts": what this source says instead, per disputed slot ("first name: Andrey"). */
  says: string[];
}

const MAX_ROWS = 80;

/** A `MatrixCell` as a class: its `state` is stored again, which as a literal made the field mutable mid-report. */
class Cell implements MatrixCell {
  constructor(
    public state: CellState,
    public says: string[],
  ) {}
}

/**
 * Where one article stands on a claim. An article supports a claim it is cited for; it contradicts
 * it when, on a disputed slot, it gives a value other than the one most sources give (with a tie,
 * every side contradicts the others); it is silent otherwise.
 */
export function claimCells(claim: ClaimJSON, articleIds: readonly string[]): Map<string, MatrixCell> {
  const cells = new Map<string, MatrixCell>(articleIds.map((id) => [id, new Cell("silent", [])]));
  for (const s of claim.support ?? []) {
    const c = cells.get(s.articleId);
    if (c) c.state = "supports";
  }
  for (const conflict of claim.conflicts ?? []) {
    const values = conflict.values ?? [];
    const top = Math.max(0, ...values.map((v) => (v.articles ?? []).length));
    const leaders = values.filter((v) => (v.articles ?? []).length === top);
    const majority = leaders.length === 1 ? leaders[0] : undefined;
    for (const v of values) {
      for (const id of v.articles ?? []) {
        const c = cells.get(id);
        if (!c) continue;
        if (v === majority) {
          if (c.state === "silent") c.state = "supports";
        } else {
          c.state = "contradicts";
          c.says.push(`${conflict.slot}: ${v.value}`);
        }
      }
    }
  }
  return cells;
}

function supportCount(c: ClaimJSON): number {
  return typeof c.sources === "number" ? c.sources : new Set((c.support ?? []).map((s) => s.articleId)).size;
}

/** Matrix rows: disputed claims first, then by number of sources (stable within ties). */
function rowOrder(claims: ClaimJSON[] | undefined): ClaimJSON[] | undefined {
  if (!claims) return claims;
  return claims
    .map((c, i) => ({ c, i }))
    .sort((x, y) => Number((y.c.conflicts ?? []).length > 0) - Number((x.c.conflicts ?? []).length > 0) || supportCount(y.c) - supportCount(x.c) || x.i - y.i)
    .map((x) => x.c);
}

export const SOURCES_STYLE = `
.scroll{overflow-x:auto}details.single summary{color:#2b6cb0;cursor:pointer;margin:.4rem 0}table.matrix{font-size:.9rem;margin:.5rem 0}table.matrix th.claim{min-width:18rem;max-width:34rem;font-weight:normal}
table.matrix td.supports{background:#e6f4ea;color:#1e6b34;text-align:center}
table.matrix td.contradicts{background:#fde8e8;color:#9b1c1c}
table.matrix td.silent{color:#aaa;text-align:center}
.attr{font-size:.75rem;border-radius:3px;padding:0 .35em;white-space:nowrap;color:#553c9a;background:#f3f0ff}
table.matrix td.num{text-align:center}
table.profiles{font-size:.9rem}table.profiles td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:flex;width:9rem;height:.8rem;border-radius:3px;overflow:hidden;background:#eee}
.bar span{display:block;height:100%}.b-rep{background:#3182ce}.b-op{background:#dd6b20}.b-pro{background:#805ad5}
.kind-opinion{color:#c05621}.kind-promotional{color:#6b46c1}.kind-mixed{color:#555}
`;

function shareBar(p: ProfileJSON): string {
  const s = p.shares ?? {};
  const w = (x: number | undefined): string => (Math.max(0, Math.min(1, x ?? 0)) * 100).toFixed(1);
  return `<div class="bar" title="${esc(`reporting ${pct(s.reporting)}, opinion ${pct(s.opinion)}, promotional ${pct(s.promotional)}`)}"><span class="b-rep" style="width:${w(s.reporting)}%"></span><span class="b-op" style="width:${w(s.opinion)}%"></span><span class="b-pro" style="width:${w(s.promotional)}%"></span></div>`;
}

const PROFILE_COLUMNS: [string, string, (p: ProfileJSON) => string][] = [
  ["attribution", "share of its claims with a named source", (p) => pct(p.attributionDensity)],
  ["hedging", "share of sentences with hedges (may, reportedly, …)", (p) => pct(p.hedging)],
  ["first person", "share of sentences in the first person", (p) => pct(p.firstPerson)],
  ["sensational", "share of sentences with sensational wording", (p) => pct(p.sensational)],
  ["boilerplate", "share of the received text removed as boilerplate", (p) => pct(p.boilerplateShare)],
  ["garbled", "share of the text marked garbled", (p) => pct(p.garbledShare)],
  ["claims", "claims extracted from it", (p) => (typeof p.claims === "number" ? String(p.claims) : "–")],
  ["unique claims", "claims no other source makes", (p) => (typeof p.uniqueClaims === "number" ? String(p.uniqueClaims) : "–")],
];

type RateKey = "attributionDensity" | "hedging" | "firstPerson" | "sensational" | "boilerplateShare" | "garbledShare";
type ShareKey = "reporting" | "opinion" | "promotional";

/** Mean of the finite numbers among the values (in order, from 0), or undefined when there are none. */
function meanRate(ps: ProfileJSON[], k: RateKey): number | undefined {
  let s = 0;
  let n = 0;
  for (let i = 0; i < ps.length; i++) {
    const x = ps[i]![k];
    if (typeof x === "number" && Number.isFinite(x)) {
      s += x;
      n++;
    }
  }
  return n ? s / n : undefined;
}

/** `meanRate` of one content share. */
function meanShare(ps: ProfileJSON[], k: ShareKey): number | undefined {
  let s = 0;
  let n = 0;
  for (let i = 0; i < ps.length; i++) {
    const x = ps[i]!.shares?.[k];
    if (typeof x === "number" && Number.isFinite(x)) {
      s += x;
      n++;
    }
  }
  return n ? s / n : undefined;
}

/** Sum of the numbers among the counts, or undefined when there are none. */
function sumCount(ps: ProfileJSON[], k: "claims" | "uniqueClaims"): number | undefined {
  let s = 0;
  let n = 0;
  for (let i = 0; i < ps.length; i++) {
    const x = ps[i]![k];
    if (typeof x === "number") {
      s += x;
      n++;
    }
  }
  return n ? s : undefined;
}

/** The kind all of an outlet's profiles share, else "mixed". */
function outletKind(ps: ProfileJSON[]): string | undefined {
  const k = ps[0]!.kind;
  for (let i = 1; i < ps.length; i++) if (ps[i]!.kind !== k) return "mixed";
  return k;
}

/**
 * One profile per outlet: means of the shares and rates, sums of the counts. (Plain loops, not
 * `mean(ps.map(...))` per field: that inlined some forty functions into one that was compiled for each report.)
 */
export function outletProfiles(profiles: ProfileJSON[], outletOf: (p: ProfileJSON) => string): (ProfileJSON & { articles: number })[] {
  const by = new Map<string, ProfileJSON[]>();
  for (const p of profiles) {
    const o = outletOf(p);
    const list = by.get(o);
    if (list) list.push(p);
    else by.set(o, [p]);
  }
  const out: (ProfileJSON & { articles: number })[] = [];
  for (const [outlet, ps] of by) out.push(outletProfile(outlet, ps));
  return out;
}

function outletProfile(outlet: string, ps: ProfileJSON[]): ProfileJSON & { articles: number } {
  return {
    articleId: "",
    outlet,
    articles: ps.length,
    kind: outletKind(ps),
    shares: { reporting: meanShare(ps, "reporting"), opinion: meanShare(ps, "opinion"), promotional: meanShare(ps, "promotional") },
    attributionDensity: meanRate(ps, "attributionDensity"),
    hedging: meanRate(ps, "hedging"),
    firstPerson: meanRate(ps, "firstPerson"),
    sensational: meanRate(ps, "sensational"),
    boilerplateShare: meanRate(ps, "boilerplateShare"),
    garbledShare: meanRate(ps, "garbledShare"),
    claims: sumCount(ps, "claims"),
    uniqueClaims: sumCount(ps, "uniqueClaims"),
  };
}

function profileRows<T extends ProfileJSON>(profiles: T[], label: (p: T) => string): string {
  const head = `<tr><th>source</th><th>kind</th><th title="reporting / opinion / promotional">content mix</th>${PROFILE_COLUMNS.map(([h, t]) => `<th title="${esc(t)}">${esc(h)}</th>`).join("")}</tr>`;
  const rows = profiles.map(
    (p) =>
      `<tr><td>${label(p)}</td><td class="kind-${esc(p.kind ?? "")}"${p.evidence?.length ? ` title="${esc(p.evidence.join("\n"))}"` : ""}>${esc(p.kind ?? "–")}</td><td>${shareBar(p)}</td>${PROFILE_COLUMNS.map(([, , f]) => `<td class="num">${esc(f(p))}</td>`).join("")}</tr>`,
  );
  return `<p class="note">Content mix: <span style="color:#3182ce">■ reporting</span> <span style="color:#dd6b20">■ opinion</span> <span style="color:#805ad5">■ promotional</span>. Rates are shares of sentences or claims; hover over a heading for what it measures, and over a kind for why.</p><div class="scroll"><table class="profiles"><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></div>`;
}

const SUPPORTS_CELL = `<td class="supports" title="supports">✓</td>`;
const SILENT_CELL = `<td class="silent" title="silent">–</td>`;

/** The cells of a claim's row, one per article id. */
function rowCells(c: ClaimJSON, ids: string[]): string {
  let out = "";
  if ((c.conflicts ?? []).length === 0) {
    // (no disputed slot: an article supports the claim when it is cited for it, else it is silent)
    const support = c.support ?? [];
    for (const id of ids) {
      let cited = false;
      for (const s of support)
        if (s.articleId === id) {
          cited = true;
          break;
        }
      out += cited ? SUPPORTS_CELL : SILENT_CELL;
    }
    return out;
  }
  const cells = claimCells(c, ids);
  for (const id of ids) {
    const cell = cells.get(id)!;
    out += cell.state === "supports" ? SUPPORTS_CELL : cell.state === "contradicts" ? `<td class="contradicts" title="contradicts">✗ ${esc(cell.says.join("; "))}</td>` : SILENT_CELL;
  }
  return out;
}

function matrixRow(c: ClaimJSON, ids: string[]): string {
  const tag = c.kind === "attributed" ? ` <span class="attr">attributed${c.attributedTo ? ` to ${esc(c.attributedTo)}` : ""}</span>` : "";
  return `<tr><th class="claim">${esc(clip(c.text, 300))}${tag}</th><td class="num">${supportCount(c)}</td>${rowCells(c, ids)}</tr>`;
}

export function renderSourcesHtml(report: ReportJSON): string {
  const groups = storyGroups(report).filter((g) => g.story);
  if (groups.length === 0) return `<p class="note">No stories were built, so there is nothing to compare across sources.</p>`;
  const out: string[] = [];
  const runs = new PieceRuns(out, "\n");
  for (const g of groups) {
    runs.check();
    if (groups.length > 1) out.push(`<h3>${esc(g.label)}</h3>`);
    const cols = columnNames(g.articles);
    const colHead = g.articles.map((a) => `<th><a href="#article-${esc(a.id)}">${esc(cols.get(a.id)!)}</a></th>`).join("");
    const claims = rowOrder(storyArray<ClaimJSON>(g.story!, "claims"));
    out.push(`<h4>Claims × sources</h4>`);
    if (!claims) out.push(`<p class="note">Claims were not extracted for this story.</p>`);
    else if (claims.length === 0) out.push(`<p class="note">No claims were found in this story.</p>`);
    else {
      const ids = g.articles.map((a) => a.id);
      const shown = claims.slice(0, MAX_ROWS);
      const isShared = (c: ClaimJSON): boolean => supportCount(c) > 1 || (c.conflicts ?? []).length > 0;
      const shared = shown.filter(isShared);
      // (what `shown.filter((c) => !shared.includes(c))` gives, without the quadratic search)
      const single = shown.filter((c) => !isShared(c));
      out.push(
        `<p class="note">✓ the source supports the claim · ✗ it gives a different value (shown) · – silent. ${claims.length} claims: disputed ones first, then by number of sources${claims.length > MAX_ROWS ? `; the first ${MAX_ROWS} are shown (all are in report.json and claims.csv)` : ""}.</p>`,
      );
      const head = `<div class="scroll"><table class="matrix"><thead><tr><th class="claim">claim</th><th>sources</th>${colHead}</tr></thead><tbody>`;
      if (shared.length) out.push(head, ...shared.map((c) => matrixRow(c, ids)), `</tbody></table></div>`);
      else out.push(`<p class="note">No claim is made by more than one source.</p>`);
      if (single.length)
        out.push(
          `<details class="single"><summary>${single.length} claim${single.length === 1 ? "" : "s"} made by one source only</summary>${head}${single.map((c) => matrixRow(c, ids)).join("")}</tbody></table></div></details>`,
        );
    }
    out.push(`<h4>Source profiles</h4>`);
    const profiles = storyArray<ProfileJSON>(g.story!, "profiles");
    if (!profiles || profiles.length === 0) out.push(`<p class="note">Source profiles were not computed for this story.</p>`);
    else {
      const byId = new Map(g.articles.map((a) => [a.id, a]));
      out.push(profileRows(profiles, (p) => (byId.has(p.articleId) ? `<a href="#article-${esc(p.articleId)}">${esc(cols.get(p.articleId) ?? p.outlet ?? p.articleId)}</a>` : esc(p.outlet ?? p.articleId))));
      const outletOf = (p: ProfileJSON): string => p.outlet ?? cols.get(p.articleId) ?? p.articleId;
      const perOutlet = outletProfiles(profiles, outletOf);
      if (perOutlet.length < profiles.length) {
        out.push(`<h4>By outlet</h4>`);
        out.push(profileRows(perOutlet, (p) => `${esc(p.outlet!)} <span class="note">(${p.articles} articles)</span>`));
      }
    }
  }
  return out.join("\n");
}

export function renderSourcesMarkdown(report: ReportJSON): string {
  const out = ["## Sources", ""];
  const groups = storyGroups(report).filter((g) => g.story);
  if (groups.length === 0) return [...out, "No stories were built, so there is nothing to compare across sources."].join("\n");
  const runs = new PieceRuns(out, "\n");
  for (const g of groups) {
    runs.check();
    if (groups.length > 1) out.push(`### ${mdEscape(g.label)}`, "");
    const cols = columnNames(g.articles);
    const ids = g.articles.map((a) => a.id);
    const claims = rowOrder(storyArray<ClaimJSON>(g.story!, "claims"));
    if (!claims || claims.length === 0) out.push(claims ? "No claims were found in this story." : "Claims were not extracted for this story.", "");
    else {
      out.push(`| claim | ${ids.map((id) => mdEscape(cols.get(id)!)).join(" | ")} |`, `| --- |${ids.map(() => " --- |").join("")}`);
      const shared = claims.filter((c) => supportCount(c) > 1 || (c.conflicts ?? []).length > 0);
      for (const c of shared.slice(0, MAX_ROWS)) {
        const cells = claimCells(c, ids);
        const tag = c.kind === "attributed" ? ` *(attributed${c.attributedTo ? ` to ${mdEscape(oneLine(c.attributedTo))}` : ""})*` : "";
        out.push(
          `| ${mdEscape(clip(c.text, 200))}${tag} | ${ids
            .map((id) => {
              const cell = cells.get(id)!;
              return cell.state === "supports" ? "✓" : cell.state === "contradicts" ? `✗ ${mdEscape(oneLine(cell.says.join("; ")))}` : "–";
            })
            .join(" | ")} |`,
        );
      }
      if (!shared.length) out.length -= 2;
      out.push("", `${shared.length ? "" : "No claim is made by more than one source. "}${claims.length - shared.length} claims are made by one source only (all claims are in report.json and claims.csv).`, "");
    }
    const profiles = storyArray<ProfileJSON>(g.story!, "profiles");
    if (profiles && profiles.length) {
      out.push(
        `| source | kind | reporting | opinion | promotional | ${PROFILE_COLUMNS.map(([h]) => h).join(" | ")} |`,
        `| --- | --- | --- | --- | --- |${PROFILE_COLUMNS.map(() => " --- |").join("")}`,
      );
      for (const p of profiles)
        out.push(
          `| ${mdEscape(cols.get(p.articleId) ?? p.outlet ?? p.articleId)} | ${mdEscape(p.kind ?? "–")} | ${pct(p.shares?.reporting)} | ${pct(p.shares?.opinion)} | ${pct(p.shares?.promotional)} | ${PROFILE_COLUMNS.map(([, , f]) => f(p)).join(" | ")} |`,
        );
      out.push("");
    } else out.push("Source profiles were not computed for this story.", "");
  }
  return out.join("\n").trimEnd();
}

