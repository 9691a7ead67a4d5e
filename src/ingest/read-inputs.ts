import { readFile, stat, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { glob } from "tinyglobby";
import type { RawArticle } from "../model/article.js";
import { InputError, MAX_INPUT_BYTES, checkTextBytes, decodeText } from "./errors.js";
import { detectFormat, parseContent } from "./formats.js";

export const INPUT_EXTENSIONS = new Set(["txt", "text", "html", "htm", "xhtml", "json", "jsonl", "ndjson", "rss", "atom", "xml"]);

function isGlob(p: string): boolean {
  return /[*?[\]{}]/.test(p);
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (INPUT_EXTENSIONS.has(e.name.split(".").pop()!.toLowerCase())) out.push(p);
  }
}

/**
 * Expands paths, directories (recursively, known extensions only) and globs into files.
 * `-` stands for standard input. A path that does not exist becomes an error, not an exception.
 */
export async function expandInputs(inputs: string[]): Promise<{ files: string[]; errors: InputError[] }> {
  const files: string[] = [];
  const errors: InputError[] = [];
  for (const input of inputs) {
    if (input === "-") {
      files.push("-");
      continue;
    }
    if (isGlob(input)) {
      const found = (await glob(input, { onlyFiles: true, absolute: false })).sort();
      if (found.length === 0) errors.push(new InputError(input, "no file matches this pattern"));
      files.push(...found);
      continue;
    }
    try {
      const s = await stat(input);
      if (s.isDirectory()) {
        const before = files.length;
        await walk(input, files);
        if (files.length === before) errors.push(new InputError(input, "directory holds no readable article files"));
      } else files.push(input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      errors.push(new InputError(input, code === "ENOENT" ? "no such file or directory" : `cannot read (${code ?? (e as Error).message})`));
    }
  }
  const seen = new Set<string>();
  return { files: files.filter((f) => (f === "-" ? true : !seen.has(resolve(f)) && (seen.add(resolve(f)), true))), errors };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_INPUT_BYTES) throw new InputError("stdin", `too large (over ${MAX_INPUT_BYTES} bytes)`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Reads one file (or stdin) into raw articles. Throws InputError for a file-level problem. */
export async function readInput(file: string): Promise<{ articles: RawArticle[]; errors: InputError[] }> {
  const origin = file === "-" ? "stdin" : file;
  let bytes: Buffer;
  if (file === "-") bytes = await readStdin();
  else {
    let size: number;
    try {
      const s = await stat(file);
      if (!s.isFile()) throw new InputError(origin, "not a regular file");
      size = s.size;
    } catch (e) {
      if (e instanceof InputError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(origin, code === "ENOENT" ? "no such file" : `cannot read (${code})`);
    }
    if (size > MAX_INPUT_BYTES) throw new InputError(origin, `too large (${size} bytes; the limit is ${MAX_INPUT_BYTES})`);
    try {
      bytes = await readFile(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(origin, code === "EACCES" ? "permission denied" : `cannot read (${code ?? (e as Error).message})`);
    }
  }
  checkTextBytes(origin, bytes);
  const content = decodeText(bytes);
  if (!content.trim()) throw new InputError(origin, "empty file (only whitespace)");
  return parseContent(origin, content, detectFormat(origin, content));
}
