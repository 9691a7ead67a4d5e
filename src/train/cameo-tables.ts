/**
 * `crosscheck train cameo-tables`: derives the product's compact CAMEO table from the PETRARCH2
 * production dictionaries (MIT licence, see models/README-cameo.md): the CAMEO.2.0 verb patterns,
 * the agents, and the country / international / non-state actors, keeping country-level names
 * (names, adjectives, capitals) and the named people and groups whose codes are current.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { emptyTables, parseActorDictionary, parseAgentDictionary, parseVerbDictionary } from "../annotate/events/tables.js";
import { modelPath } from "../util/paths.js";

/** Keeps actor entries that are plausible in current news: undated codes, or dated codes still open. */
export function keepActor(phrase: string, codes: string): boolean {
  if (!phrase || phrase.length < 2) return false;
  const parts = codes.split(";");
  const open = parts.filter((p) => !p.includes(" ") || p.includes(">") || /-\s*$/.test(p) || /-2\d{7}$/.test(p) && p.slice(-8) >= "20150101");
  return open.length > 0;
}

export async function trainCameoTables(opts: { data: string; out?: string; quiet?: boolean }): Promise<string> {
  const dir = join(opts.data, "dictionaries");
  const read = (f: string): string => readFileSync(join(dir, f), "utf8");
  const t = emptyTables();
  parseVerbDictionary(read("CAMEO.2.0.txt"), t);
  parseAgentDictionary(read("Phoenix.agents.txt"), t);
  for (const f of ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"]) parseActorDictionary(read(f), t, keepActor);
  // dated codes: keep only the ones that apply from 2015 on (the product codes current news)
  t.actors = t.actors.map(([p, c]) => {
    const parts = c.split(";");
    const current = parts.filter((x) => !x.includes(" ") || x.includes(">") || (x.includes("-") && x.slice(-8) >= "20150101"));
    return [p, (current.length ? current : parts).map((x) => x.split(" ")[0]).slice(0, 1).join(";")] as [string, string];
  });
  const json = JSON.stringify(t);
  const out = opts.out ?? modelPath("cameo-tables.json.gz");
  mkdirSync(dirname(out), { recursive: true });
  const gz = gzipSync(json, { level: 9 });
  writeFileSync(out, gz);
  return `cameo tables: ${t.verbs.length} verb forms, ${t.patterns.length} patterns, ${Object.keys(t.synsets).length} synsets, ${t.actors.length} actor names, ${t.agents.length} agent nouns → ${out} (${(gz.length / 1024).toFixed(0)} KB)`;
}
