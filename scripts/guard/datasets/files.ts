/** Where ../shared/datasets is, and the small readers the loaders share (BOM-stripped text, JSON, JSON Lines). */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** ../shared/datasets seen from the repository root (the main checkout) or from a worktree under /work/wt. */
export function datasetsDir(): string {
  const candidates = [process.env.GUARD_DATASETS, path.resolve("../shared/datasets"), path.resolve("../../shared/datasets")];
  for (const c of candidates) if (c && existsSync(path.join(c, "README.md"))) return c;
  throw new Error("../shared/datasets not found (set GUARD_DATASETS to its path)");
}

export const read = (dir: string, file: string) => readFileSync(path.join(dir, file), "utf8").replace(/^\uFEFF/, "");
export const json = <T>(dir: string, file: string): T => JSON.parse(read(dir, file)) as T;
export const lines = (dir: string, file: string) =>
  read(dir, file)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
export const jsonl = <T>(text: string): T[] =>
  text
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
