/**
 * The held-back rows, pinned (issue 6). scripts/guard/eval/test-split.json records, per set, the
 * rows the evaluation reports (the test side of a trainable set, every row of an evaluation-only
 * set) as sorted fnv1a hashes of their normalised text, with counts per kind and language (the n
 * columns of docs/guard-eval.md). `guard:train` and `guard:eval` refuse to run when the computed
 * split differs, so the evaluation set cannot move because training data was added or the split
 * code changed. To change it on purpose (a set added or corrected): `npm run guard:eval -- --repin`
 * (or guard:train), and say why in the commit.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fnv1a } from "./random";
import { evaluationRows, SPLIT_SALT, TEST_PERCENT, type SplitRow } from "./split";

export const PIN_FILE = "scripts/guard/eval/test-split.json";

type SetPin = { rows: number; counts: Record<string, number>; hashes: number[] };
export type SplitPin = { rule: string; sets: Record<string, SetPin> };

export function pinOf(rows: SplitRow[]): SplitPin {
  const sets: Record<string, SetPin> = {};
  for (const r of evaluationRows(rows)) {
    const s = (sets[r.set] ??= { rows: 0, counts: {}, hashes: [] });
    s.rows++;
    s.counts[`${r.kind}·${r.lang}`] = (s.counts[`${r.kind}·${r.lang}`] ?? 0) + 1;
    s.hashes.push(fnv1a(r.norm));
  }
  const sorted: Record<string, SetPin> = {};
  for (const set of Object.keys(sets).sort()) {
    const s = sets[set]!;
    sorted[set] = {
      rows: s.rows,
      counts: Object.fromEntries(Object.entries(s.counts).sort(([a], [b]) => a.localeCompare(b))),
      hashes: s.hashes.sort((a, b) => a - b),
    };
  }
  return { rule: `${SPLIT_SALT}, test < ${TEST_PERCENT} %, real rows only; fnv1a of the normalised text`, sets: sorted };
}

/** Per set, what moved: rows pinned but no longer held back, and rows held back but not pinned. */
export function pinDifferences(pinned: SplitPin, now: SplitPin): string[] {
  const out: string[] = [];
  for (const set of [...new Set([...Object.keys(pinned.sets), ...Object.keys(now.sets)])].sort()) {
    const a = pinned.sets[set]?.hashes ?? [];
    const b = now.sets[set]?.hashes ?? [];
    const left = multisetMinus(a, b);
    const joined = multisetMinus(b, a);
    if (left || joined) out.push(`${set}: pinned ${a.length}, now ${b.length} (${left} left the held-back side, ${joined} joined it)`);
  }
  return out;
}

function multisetMinus(a: number[], b: number[]): number {
  const count = new Map<number, number>();
  for (const h of b) count.set(h, (count.get(h) ?? 0) + 1);
  let n = 0;
  for (const h of a) {
    const c = count.get(h) ?? 0;
    if (c > 0) count.set(h, c - 1);
    else n++;
  }
  return n;
}

/** Throws, naming every set that moved, unless the split matches the pin; `repin` rewrites the pin instead. */
export function checkPinnedSplit(rows: SplitRow[], { repin = process.argv.includes("--repin"), file = PIN_FILE, format = true } = {}) {
  const now = pinOf(rows);
  if (repin) {
    writeFileSync(file, JSON.stringify(now) + "\n");
    if (format) execFileSync("npx", ["prettier", "--write", file], { stdio: "ignore" });
    console.error(`guard split: re-pinned ${file} (${Object.values(now.sets).reduce((a, s) => a + s.rows, 0)} held-back rows)`);
    return;
  }
  let pinned: SplitPin;
  try {
    pinned = JSON.parse(readFileSync(file, "utf8")) as SplitPin;
  } catch {
    throw new Error(`guard split: ${file} is missing or unreadable; create it deliberately with --repin`);
  }
  const diff = pinDifferences(pinned, now);
  if (diff.length)
    throw new Error(
      [
        `guard split: the held-back rows differ from ${file}:`,
        ...diff.map((d) => `  - ${d}`),
        "The evaluation set must not move by accident (a training-row change, a split-code change).",
        "If this change is intended, rerun with --repin (npm run guard:eval -- --repin) and say why in the commit.",
      ].join("\n"),
    );
}
