/**
 * Round 7: a small nonlinear stage beside the linear heads — one hidden layer of ReLU units over
 * the same hashed features (the low `bits` bits of the shared buckets, so the one feature pass
 * serves it too). A linear model adds evidence word by word; a hidden unit can fire only when a
 * persuasive frame AND a harmful topic are both present, the conjunction PAIR-style prompts are made
 * of. Its logit is added to the injection head's (scripts/guard/train.ts, hidden.ts stage).
 */

/** One hidden layer: units ReLU over hashed features (int8, row per bucket), then a linear output. */
export type HiddenLayer = {
  bits: number;
  units: number;
  /** int8, bucket-major: weight of bucket b into unit j at b × units + j; real weight = q × scale. */
  weights: Int8Array;
  scale: number;
  /** per-unit bias and output weight (float: a few dozen numbers) */
  bias: readonly number[];
  out: readonly number[];
  outBias: number;
};

let acc = new Int32Array(64);

/**
 * The stage's logit from the Latin word unigram and bigram buckets (full width) buckets[from, to):
 * each occurrence adds its bucket's row, the sums are divided by √count like the linear heads'
 * features. Words only, not the character grams: a 4 KB prompt has ~14,000 feature occurrences but
 * ~1,400 word ones, and 16 adds per occurrence over all of them cost 0.5 ms.
 */
export function hiddenLogit(layer: HiddenLayer, buckets: Int32Array, from: number, to: number): number {
  const u = layer.units;
  if (acc.length < u) acc = new Int32Array(u);
  const a = acc;
  a.fill(0, 0, u);
  const w = layer.weights;
  const mask = (1 << layer.bits) - 1;
  const count = to - from;
  for (let k = from; k < to; k++) {
    const base = (buckets[k]! & mask) * u;
    for (let j = 0; j < u; j++) a[j] = a[j]! + w[base + j]!;
  }
  const f = count > 0 ? layer.scale / Math.sqrt(count) : 0;
  let z = layer.outBias;
  for (let j = 0; j < u; j++) {
    const h = layer.bias[j]! + a[j]! * f;
    if (h > 0) z += layer.out[j]! * h;
  }
  return z;
}
