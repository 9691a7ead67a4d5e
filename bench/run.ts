/**
 * `npm run bench`: every benchmark, one after another, on one core (the process is single-threaded).
 * Each prints its figures; `docs/benchmarks.md` records them with the date.
 * `npm run bench -- NAME` runs only the named benchmarks.
 */
import { BENCHMARKS } from "./registry.js";

const only = process.argv.slice(2);
for (const b of BENCHMARKS) {
  if (only.length && !only.includes(b.name)) continue;
  console.log(`\n## ${b.name}: ${b.description}`);
  await b.run();
}
