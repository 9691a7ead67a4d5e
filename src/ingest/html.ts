import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { Published } from "../model/article.js";

export interface HtmlExtraction {
  text: string;
  title?: string;
  byline?: string;
  published?: Published;
  url?: string;
  siteName?: string;
}

type DomNode = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> };
type DomDocument = {
  querySelector(sel: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelectorAll(sel: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null; remove(): void }>;
  title?: string;
  body: DomNode | null;
  documentElement: DomNode | null;
};

const BLOCK = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "BR", "DD", "DIV", "DL", "DT", "FIGCAPTION", "FIGURE", "FOOTER",
  "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION",
  "TABLE", "TD", "TH", "TR", "UL",
]);
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "HEAD"]);

/** Plain text of a DOM subtree with block elements separated by blank lines. */
export function domToText(root: DomNode): string {
  const out: string[] = [];
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      out.push((node.textContent ?? "").replace(/\s+/g, " "));
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    const block = BLOCK.has(name);
    if (block) out.push("\n\n");
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i]!);
    if (block) out.push("\n\n");
  };
  walk(root);
  return out
    .join("")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/[ \t\u00a0]+/g, " ").trim())
    .filter((p) => p.length > 0)
    .join("\n\n");
}

/** Text of an HTML fragment (feed item content), paragraphs kept. */
export function htmlFragmentToText(html: string, prune = false): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`) as unknown as { document: DomDocument };
  if (!document.body) return "";
  if (prune) pruneBoilerplate(document);
  return domToText(document.body);
}

type PrunableElement = {
  getAttribute(name: string): string | null;
  textContent: string | null;
  tagName: string;
  remove(): void;
  querySelectorAll(sel: string): ArrayLike<{ textContent: string | null }>;
};

/** Class or id words of page furniture that Readability sometimes keeps inside the article. */
const JUNK_ATTR = /(?:^|[\s_-])(?:related|recommend\w*|share|sharing|social|newsletter|promo\w*|caption|credit|byline|timestamp|dateline|tags?|breadcrumbs?|subscribe|signup|advert\w*|ad-?slot|outbrain|taboola|more-stories|read-more|also-like|trending|author-bio|copyright|disclaimer)(?:$|[\s_-])/i;

/**
 * Removes what is not article text from Readability's output: captions, elements whose class or id
 * names page furniture, and short blocks that are mostly link text (lists of other stories).
 */
function pruneBoilerplate(document: DomDocument): void {
  const all = document.querySelectorAll("figcaption, aside, nav, footer, [class], [id], li, p, div, ul, h2, h3, h4") as unknown as ArrayLike<PrunableElement>;
  const doomed: PrunableElement[] = [];
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    const tag = el.tagName.toUpperCase();
    if (tag === "FIGCAPTION" || tag === "ASIDE" || tag === "NAV" || tag === "FOOTER") {
      doomed.push(el);
      continue;
    }
    const attr = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
    if (attr.trim() && JUNK_ATTR.test(attr)) {
      doomed.push(el);
      continue;
    }
    if (tag === "LI" || tag === "UL" || tag === "DIV" || tag === "P") {
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
      if (!text) continue;
      const links = el.querySelectorAll("a");
      let linkText = 0;
      for (let j = 0; j < links.length; j++) linkText += (links[j]!.textContent ?? "").replace(/\s+/g, " ").trim().length;
      if (linkText / text.length > 0.7 && (tag === "UL" || text.length < 200)) doomed.push(el);
    }
  }
  for (const el of doomed) el.remove();
}

function meta(doc: DomDocument, ...selectors: string[]): string | undefined {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const v = el?.getAttribute("content") ?? el?.getAttribute("datetime") ?? el?.getAttribute("href");
    if (v && v.trim()) return v.trim();
  }
  return undefined;
}

interface JsonLdInfo {
  datePublished?: string;
  headline?: string;
  url?: string;
  publisher?: string;
  author?: string;
}

function readJsonLd(doc: DomDocument): JsonLdInfo {
  const info: JsonLdInfo = {};
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if (o["@graph"]) visit(o["@graph"]);
    const type = String(o["@type"] ?? "");
    if (/Article|Posting|Report|WebPage/i.test(type)) {
      if (typeof o.datePublished === "string" && !info.datePublished) info.datePublished = o.datePublished;
      if (typeof o.headline === "string" && !info.headline) info.headline = o.headline;
      if (typeof o.url === "string" && !info.url) info.url = o.url;
      const pub = o.publisher as Record<string, unknown> | undefined;
      if (pub && typeof pub.name === "string" && !info.publisher) info.publisher = pub.name;
      const author = (Array.isArray(o.author) ? o.author[0] : o.author) as Record<string, unknown> | string | undefined;
      if (typeof author === "string") info.author ??= author;
      else if (author && typeof author.name === "string") info.author ??= author.name;
    }
  };
  for (let i = 0; i < scripts.length; i++) {
    try {
      visit(JSON.parse(scripts[i]!.textContent ?? ""));
    } catch {
      /* a broken JSON-LD block is ignored: the page's other metadata still counts */
    }
  }
  return info;
}

/** Normalises a date string found in metadata to ISO 8601, or undefined if it is not a date. */
export function normaliseDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?/.exec(v);
  if (iso) return iso[2] ? `${iso[1]}T${iso[2]}${iso[3] ?? ""}` : iso[1];
  const t = Date.parse(v);
  if (!Number.isNaN(t)) return new Date(t).toISOString();
  return undefined;
}

/** Main text and metadata of an HTML page. */
export function extractHtml(html: string, url?: string): HtmlExtraction {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  const ld = readJsonLd(document);
  const published =
    normaliseDate(ld.datePublished) !== undefined
      ? { value: normaliseDate(ld.datePublished)!, how: "json-ld" }
      : (() => {
          const m = normaliseDate(
            meta(document, 'meta[property="article:published_time"]', 'meta[name="pubdate"]', 'meta[name="publishdate"]',
              'meta[name="date"]', 'meta[itemprop="datePublished"]', 'meta[name="DC.date.issued"]', "time[datetime]"),
          );
          return m ? { value: m, how: "meta-tag" } : undefined;
        })();
  const canonical = meta(document, 'link[rel="canonical"]', 'meta[property="og:url"]') ?? ld.url ?? url;
  const siteName = meta(document, 'meta[property="og:site_name"]', 'meta[name="application-name"]') ?? ld.publisher;
  const metaTitle = meta(document, 'meta[property="og:title"]', 'meta[name="twitter:title"]') ?? ld.headline;

  // Readability mutates the document; it runs last.
  let text = "";
  let title: string | undefined;
  let byline: string | undefined;
  try {
    const reader = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 });
    const parsed = reader.parse();
    if (parsed?.content) {
      text = htmlFragmentToText(parsed.content, true);
      title = parsed.title ?? undefined;
      byline = parsed.byline ?? undefined;
    }
  } catch {
    text = "";
  }
  if (!text.trim()) {
    const { document: fresh } = parseHTML(html) as unknown as { document: DomDocument };
    if (fresh.body) {
      for (const el of Array.from(fresh.querySelectorAll("header, nav, footer, aside, form"))) el.remove();
      pruneBoilerplate(fresh);
      text = domToText(fresh.body);
    }
  }
  return {
    text,
    title: (metaTitle ?? title)?.trim() || undefined,
    byline: byline?.trim() || ld.author,
    published,
    url: canonical,
    siteName,
  };
}
