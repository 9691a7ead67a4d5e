import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../src/util/paths.js";

export const ROOT = packageRoot();
export const EXAMPLES = join(ROOT, "examples", "ankara-2016");
export const FIXTURES = join(ROOT, "test", "fixtures");
export const SHARED_DATA = join(ROOT, "..", "shared", "data");
export const hasSharedData = existsSync(SHARED_DATA);

export function example(name: "cnn-opinion" | "cww7news-blog" | "nytimes-report"): { path: string; raw: string } {
  const path = join(EXAMPLES, `${name}.txt`);
  return { path, raw: readFileSync(path, "utf8") };
}

export function tempDir(prefix = "crosscheck-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the built CLI; returns exit code and output. */
export function runCli(args: string[], opts: { input?: string; cwd?: string } = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "dist", "src", "cli", "main.js"), ...args], {
    input: opts.input,
    cwd: opts.cwd ?? ROOT,
    encoding: "utf8",
    env: { ...process.env, CROSSCHECK_DB: "" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
