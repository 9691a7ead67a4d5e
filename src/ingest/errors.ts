/** A problem with one input: names the file (or file#item) and says what is wrong. */
export class InputError extends Error {
  readonly file: string;
  readonly problem: string;

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "InputError";
    this.file = file;
    this.problem = problem;
  }
}

export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/** Throws an InputError when `bytes` is empty or looks binary. */
export function checkTextBytes(file: string, bytes: Uint8Array): void {
  if (bytes.length === 0) throw new InputError(file, "empty file");
  if (bytes.length > MAX_INPUT_BYTES) throw new InputError(file, `too large (${bytes.length} bytes; the limit is ${MAX_INPUT_BYTES})`);
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) throw new InputError(file, "binary content (NUL byte), not text");
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control / n > 0.05) throw new InputError(file, "binary content (control characters), not text");
}

/** Decodes UTF-8 strictly; a file that is not valid UTF-8 is decoded as Latin-1 rather than rejected. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("latin1").decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
