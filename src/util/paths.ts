import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** The package's root folder (where package.json is), from source or from dist/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("crosscheck: cannot find the package root");
    dir = up;
  }
  root = dir;
  return dir;
}

/** Path of a committed model file under `models/`. */
export function modelPath(name: string): string {
  return join(packageRoot(), "models", name);
}
