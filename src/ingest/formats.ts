import { XMLParser } from "fast-xml-parser";
import type { InputFormat, Published, RawArticle } from "../model/article.js";
import { InputError } from "./errors.js";
import { extractHtml, htmlFragmentToText, normaliseDate } from "./html.js";
import { outletFor } from "./outlets.js";

/** Guesses the format of an input from its name, then from its content. */
export function detectFormat(name: string, content: string): InputFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  switch (ext) {
    case "html":
    case "htm":
    case "xhtml":
      return "html";
    case "jsonl":
    case "ndjson":
      return "jsonl";
    case "json":
      return "json";
    case "rss":
      return "rss";
    case "atom":
      return "atom";
    case "txt":
    case "text":
      return "text";
  }
  const head = content.slice(0, 2000).trimStart();
  if (/^<\?xml[^>]*>\s*(<!--[^]*?-->\s*)*<rss\b/i.test(head) || /^<rss\b/i.test(head)) return "rss";
  if (/<feed\b[^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/i.test(head) || /^<feed\b/i.test(head)) return "atom";
  if (/<rss\b/i.test(head) || /<rdf:RDF\b/i.test(head)) return "rss";
  if (/^<(!doctype html|html|head|body|article|div|p)\b/i.test(head)) return "html";
  if (head.startsWith("[") || (head.startsWith("{") && isSingleJson(content))) return "json";
  if (head.startsWith("{")) return "jsonl";
  return "text";
}

function isSingleJson(content: string): boolean {
  try {
    JSON.parse(content);
    return true;
  } catch {
    return false;
  }
}

const META_LINE = /^[ \t]*(?:date|published)[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)[ \t]*\n?[ \t]*/i;

/** Length of a leading metadata line (`date 2016-12-20`) and the date it gives. */
export function leadingMetadata(raw: string): { length: number; published?: Published } {
  const m = META_LINE.exec(raw);
  if (!m) return { length: 0 };
  return { length: m[0].length, published: { value: m[1]!, how: "metadata-line" } };
}

function domainOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return undefined;
  }
}

/** Outlet name guessed from a file name such as `nytimes-report.txt` → `nytimes`. */
function outletFromName(origin: string): string | undefined {
  const base = origin.split(/[\\/]/).pop()?.replace(/\.[^.]+$/, "");
  if (!base || base === "stdin") return undefined;
  const key = base.split(/[-_ .]/)[0];
  return outletFor(key) ?? (key || undefined);
}

export function parseText(origin: string, content: string): RawArticle[] {
  if (!content.trim()) throw new InputError(origin, "no text (only whitespace)");
  const meta = leadingMetadata(content);
  return [{ raw: content, published: meta.published, source: { origin, format: "text", name: outletFromName(origin) } }];
}

export function parseHtml(origin: string, content: string, url?: string): RawArticle[] {
  if (!/<[a-z!][^>]*>/i.test(content)) throw new InputError(origin, "malformed HTML: no tags found");
  const ex = extractHtml(content, url);
  if (!ex.text.trim()) throw new InputError(origin, "HTML page has no readable text");
  return [
    {
      raw: ex.text,
      title: ex.title,
      byline: ex.byline,
      published: ex.published,
      html: content,
      source: { origin, format: "html", url: ex.url, domain: domainOf(ex.url), name: ex.siteName ?? outletFor(domainOf(ex.url)) ?? domainOf(ex.url) ?? outletFromName(origin) },
    },
  ];
}

type JsonRecord = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() ? v : undefined;
}

/** One JSON record (`text`/`html`, `title`, `url`, `source`, `published`) to a raw article. */
export function recordToArticle(origin: string, rec: unknown, format: "json" | "jsonl"): RawArticle {
  if (!rec || typeof rec !== "object" || Array.isArray(rec)) throw new InputError(origin, "expected a JSON object with a `text` or `html` field");
  const r = rec as JsonRecord;
  const url = str(r.url) ?? str(r.link);
  const sourceField = r.source;
  const sourceName = str(sourceField) ?? (sourceField && typeof sourceField === "object" ? str((sourceField as JsonRecord).name) : undefined);
  const publishedRaw = str(r.published) ?? str(r.date) ?? str(r.publishedAt) ?? str(r.pubDate);
  const publishedIso = normaliseDate(publishedRaw);
  const text = str(r.text) ?? str(r.content) ?? str(r.body) ?? str(r.articleBody);
  const html = str(r.html);
  if (text === undefined && html === undefined) throw new InputError(origin, "record has no `text` or `html` field with content");
  const base = {
    title: str(r.title),
    published: publishedIso ? { value: publishedIso, how: "field" } : undefined,
  };
  if (text !== undefined) {
    return {
      ...base,
      raw: text,
      source: { origin, format, url, domain: domainOf(url), name: sourceName ?? outletFor(domainOf(url)) ?? domainOf(url) },
    };
  }
  const [page] = parseHtml(origin, html!, url);
  return {
    ...page!,
    title: base.title ?? page!.title,
    published: base.published ?? page!.published,
    source: { ...page!.source, format, name: sourceName ?? page!.source.name },
  };
}

export function parseJson(origin: string, content: string): { articles: RawArticle[]; errors: InputError[] } {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (e) {
    throw new InputError(origin, `malformed JSON: ${(e as Error).message}`);
  }
  const records = Array.isArray(data)
    ? data
    : data && typeof data === "object" && Array.isArray((data as JsonRecord).articles)
      ? ((data as JsonRecord).articles as unknown[])
      : [data];
  if (records.length === 0) throw new InputError(origin, "JSON holds no articles");
  const articles: RawArticle[] = [];
  const errors: InputError[] = [];
  records.forEach((rec, i) => {
    const itemOrigin = records.length === 1 && !Array.isArray(data) ? origin : `${origin}#${i + 1}`;
    try {
      articles.push(recordToArticle(itemOrigin, rec, "json"));
    } catch (e) {
      errors.push(e instanceof InputError ? e : new InputError(itemOrigin, (e as Error).message));
    }
  });
  return { articles, errors };
}

export function parseJsonl(origin: string, content: string): { articles: RawArticle[]; errors: InputError[] } {
  const articles: RawArticle[] = [];
  const errors: InputError[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const lineOrigin = `${origin}:${i + 1}`;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (e) {
      errors.push(new InputError(lineOrigin, `malformed JSON line: ${(e as Error).message}`));
      return;
    }
    try {
      articles.push(recordToArticle(lineOrigin, rec, "jsonl"));
    } catch (e) {
      errors.push(e instanceof InputError ? e : new InputError(lineOrigin, (e as Error).message));
    }
  });
  if (articles.length === 0 && errors.length === 0) throw new InputError(origin, "JSON Lines file holds no records");
  return { articles, errors };
}

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function xmlText(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (v && typeof v === "object") {
    const o = v as JsonRecord;
    if (typeof o["#text"] === "string") return o["#text"];
    if (typeof o["@_href"] === "string") return o["@_href"];
  }
  return undefined;
}

/** Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed. */
export function parseFeed(origin: string, content: string): { articles: RawArticle[]; errors: InputError[] } {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", processEntities: true, htmlEntities: true });
  let doc: JsonRecord;
  try {
    doc = parser.parse(content, true) as JsonRecord;
  } catch (e) {
    throw new InputError(origin, `malformed XML feed: ${(e as Error).message}`);
  }
  const rss = doc.rss as JsonRecord | undefined;
  const rdf = doc["rdf:RDF"] as JsonRecord | undefined;
  const feed = doc.feed as JsonRecord | undefined;
  let format: "rss" | "atom";
  let items: JsonRecord[];
  let feedTitle: string | undefined;
  if (rss || rdf) {
    format = "rss";
    const channel = (rss?.channel ?? rdf?.channel) as JsonRecord | undefined;
    feedTitle = xmlText(channel?.title);
    items = asArray((channel?.item ?? rdf?.item) as JsonRecord | JsonRecord[] | undefined);
  } else if (feed) {
    format = "atom";
    feedTitle = xmlText(feed.title);
    items = asArray(feed.entry as JsonRecord | JsonRecord[] | undefined);
  } else {
    throw new InputError(origin, "XML is neither an RSS nor an Atom feed");
  }
  if (items.length === 0) throw new InputError(origin, "feed has no items");
  const articles: RawArticle[] = [];
  const errors: InputError[] = [];
  items.forEach((item, i) => {
    const itemOrigin = `${origin}#${i + 1}`;
    const links = asArray(item.link as unknown);
    const alt = links.find((l) => l && typeof l === "object" && ((l as JsonRecord)["@_rel"] ?? "alternate") === "alternate") ?? links[0];
    const url = xmlText(alt)?.trim();
    const body =
      xmlText(item["content:encoded"]) ?? xmlText(item.content) ?? xmlText(item.description) ?? xmlText(item.summary);
    const text = body ? (/<[a-z][^>]*>/i.test(body) ? htmlFragmentToText(body) : body.trim()) : "";
    if (!text) {
      errors.push(new InputError(itemOrigin, "feed item has no content or description"));
      return;
    }
    const date = normaliseDate(xmlText(item.pubDate) ?? xmlText(item.published) ?? xmlText(item.updated) ?? xmlText(item["dc:date"]));
    articles.push({
      raw: text,
      title: xmlText(item.title)?.trim(),
      published: date ? { value: date, how: "feed" } : undefined,
      source: { origin: itemOrigin, format, url, domain: domainOf(url), name: feedTitle ?? domainOf(url) },
    });
  });
  return { articles, errors };
}

/** Parses one input's content by format; item-level problems come back in `errors`. */
export function parseContent(origin: string, content: string, format: InputFormat): { articles: RawArticle[]; errors: InputError[] } {
  switch (format) {
    case "text":
      return { articles: parseText(origin, content), errors: [] };
    case "html":
      return { articles: parseHtml(origin, content), errors: [] };
    case "json":
      return parseJson(origin, content);
    case "jsonl":
      return parseJsonl(origin, content);
    case "rss":
    case "atom":
      return parseFeed(origin, content);
  }
}
