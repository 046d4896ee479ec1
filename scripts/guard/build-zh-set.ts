/**
 * Generates datasets/zh-injection/zh-injection.jsonl from the hand-written seeds in
 * scripts/guard/zh/templates.ts and the obfuscations in scripts/guard/zh/tricks.ts.
 * Deterministic: running it twice gives the same bytes. `npx tsx scripts/guard/build-zh-set.ts`
 *
 * Split: by SEED, not by row — every variant of one seed sentence (goal, prefix, trick) lands on
 * the same side, so a test row is never a re-spelling of a training row. Within each family the
 * seeds alternate train/test, which gives a half/half split that covers every family and trick.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fnv1a, mulberry32, shuffle } from "./random";
import { ATTACKS, ATTACK_PREFIXES, BENIGN, BENIGN_PREFIXES, BENIGN_SUFFIXES, GOALS, HIJACK_OUTPUTS, type Family } from "./zh/templates";
import { EXTRA_ATTACKS } from "./zh/extra-seeds";
import { applyTrick, BENIGN_TRICKS, TRICKS, type Trick } from "./zh/tricks";

export type ZhRow = {
  id: string;
  text: string;
  label: 0 | 1;
  family: Family | "benign";
  trick: Trick;
  seed: string;
  split: "train" | "test";
};

/**
 * Goals and hijack outputs are split too: train seeds draw from the even-indexed entries, test
 * seeds from the odd ones, so a test row never repeats a payload the model saw in training.
 */
function fill(text: string, rand: () => number, split: "train" | "test"): string {
  const side = <T>(list: readonly T[]) => list.filter((_, i) => i % 2 === (split === "train" ? 0 : 1));
  const goals = side(GOALS);
  const outs = side(HIJACK_OUTPUTS);
  const goal = goals[Math.floor(rand() * goals.length)]!;
  const out = outs[Math.floor(rand() * outs.length)]!;
  return text.replaceAll("{goal}", goal).replaceAll("{out}", out);
}

export function buildZhSet(): ZhRow[] {
  const rows: ZhRow[] = [];
  const seen = new Set<string>();
  const push = (row: Omit<ZhRow, "id">) => {
    if (seen.has(row.text)) return;
    seen.add(row.text);
    rows.push({ id: `zh-${String(rows.length + 1).padStart(4, "0")}`, ...row });
  };

  const attackRows = (seed: { family: Family; text: string }, seedId: string, split: "train" | "test") => {
    const rand = mulberry32(fnv1a(seed.text));
    const prefixes = shuffle([...ATTACK_PREFIXES], rand);
    // Two plain variants (different goal and opener), then four obfuscated ones.
    for (let v = 0; v < 2; v++)
      push({ text: prefixes[v]! + fill(seed.text, rand, split), label: 1, family: seed.family, trick: "none", seed: seedId, split });
    for (const trick of shuffle([...TRICKS], rand).slice(0, 4)) {
      push({
        text: applyTrick(trick, prefixes[2]! + fill(seed.text, rand, split), rand),
        label: 1,
        family: seed.family,
        trick,
        seed: seedId,
        split,
      });
    }
  };

  const perFamily = new Map<string, number>();
  for (const seed of ATTACKS) {
    const index = perFamily.get(seed.family) ?? 0;
    perFamily.set(seed.family, index + 1);
    const seedId = `${seed.family}-${String(index + 1).padStart(2, "0")}`;
    attackRows(seed, seedId, index % 2 === 1 ? "test" : "train");
  }

  BENIGN.forEach((text, index) => {
    const seedId = `benign-${String(index + 1).padStart(2, "0")}`;
    const split = index % 2 === 1 ? "test" : "train";
    const rand = mulberry32(fnv1a(text));
    const pre = shuffle([...BENIGN_PREFIXES], rand);
    const suf = shuffle([...BENIGN_SUFFIXES], rand);
    push({ text, label: 0, family: "benign", trick: "none", seed: seedId, split });
    push({ text: pre[0]! + text + suf[0]!, label: 0, family: "benign", trick: "none", seed: seedId, split });
    for (const trick of shuffle([...BENIGN_TRICKS], rand).slice(0, 3)) {
      push({ text: applyTrick(trick, pre[1]! + text + suf[1]!, rand), label: 0, family: "benign", trick, seed: seedId, split });
    }
  });

  // Round 4: extra hand-written seeds, TRAIN side only, appended so that every earlier row keeps its id.
  const perExtra = new Map<string, number>();
  for (const seed of EXTRA_ATTACKS) {
    const index = (perExtra.get(seed.family) ?? 0) + 1;
    perExtra.set(seed.family, index);
    attackRows(seed, `extra-${seed.batch}-${seed.family}-${String(index).padStart(2, "0")}`, "train");
  }
  return rows;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const rows = buildZhSet();
  const file = path.resolve("datasets/zh-injection/zh-injection.jsonl");
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const count = (f: (r: ZhRow) => boolean) => rows.filter(f).length;
  console.log(
    `wrote ${rows.length} rows to ${path.relative(process.cwd(), file)}: ${count((r) => r.label === 1)} attacks ` +
      `(${count((r) => r.label === 1 && r.split === "test")} test), ${count((r) => r.label === 0)} benign ` +
      `(${count((r) => r.label === 0 && r.split === "test")} test)`,
  );
}
