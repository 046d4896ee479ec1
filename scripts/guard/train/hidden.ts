/**
 * Round 7: trains the hidden-layer stage (server/guard/classifier/hidden.ts) on the injection
 * head's examples and labels: 2^hiddenBits buckets (low bits of the shared features) → hiddenUnits
 * ReLU units → one logit, weighted logistic loss, AdaGrad, L2, seeded init and shuffle. Trained
 * on its own (not on the linear head's residual: in-sample linear logits are near perfect, so a
 * residual would have nothing to learn); the two logits are added at inference.
 */
import { features, isChinese } from "../../../server/guard/classifier/features";
import type { HiddenLayer } from "../../../server/guard/classifier/hidden";
import { mulberry32, shuffle } from "../random";
import type { SplitRow } from "../split";
import { guardView, type Doc } from "./docs";
import { HYPER } from "./hyper";

type Sparse = { idx: Int32Array; val: Float32Array };
const wordCache = new WeakMap<SplitRow, Sparse>();

/** The stage's input: the text's word unigram / bigram buckets only (see server/guard/classifier/hidden.ts), count / √total. */
function wordFeatures(row: SplitRow): Sparse {
  const hit = wordCache.get(row);
  if (hit) return hit;
  const { buckets, count, words } = features(guardView(row.text), HYPER.bits);
  const counts = new Map<number, number>();
  for (let k = words; k < count; k++) counts.set(buckets[k]!, (counts.get(buckets[k]!) ?? 0) + 1);
  const norm = count > words ? 1 / Math.sqrt(count - words) : 0;
  const out = { idx: Int32Array.from(counts.keys()), val: Float32Array.from(counts.values(), (c) => c * norm) };
  wordCache.set(row, out);
  return out;
}

export function trainHidden(all: Doc[]): HiddenLayer {
  // Non-Chinese texts only: inference applies the stage to them only (Chinese has no Latin words to read).
  const docs = all.filter((d) => !isChinese(guardView(d.row.text))).map((d) => ({ ...wordFeatures(d.row), y: d.y, weight: d.weight }));
  const u = HYPER.hiddenUnits;
  const mask = (1 << HYPER.hiddenBits) - 1;
  const rand = mulberry32(HYPER.seed ^ 0x51ed27);
  const W = new Float64Array((mask + 1) * u);
  for (let i = 0; i < W.length; i++) W[i] = (rand() * 2 - 1) * HYPER.hiddenInit;
  const G = new Float64Array(W.length).fill(1e-8);
  const b1 = new Float64Array(u).fill(0.1);
  const gb1 = new Float64Array(u).fill(1e-8);
  const w2 = Float64Array.from({ length: u }, (_, j) => (j % 2 ? -1 : 1) * (0.5 + rand() * 0.5));
  const gw2 = new Float64Array(u).fill(1e-8);
  let b2 = 0;
  let gb2 = 1e-8;
  const lr = HYPER.hiddenLearningRate;
  const l2 = HYPER.hiddenL2;
  const a = new Float64Array(u);
  const dA = new Float64Array(u);
  const order = docs.map((_, i) => i);
  for (let epoch = 0; epoch < HYPER.hiddenEpochs; epoch++) {
    shuffle(order, rand);
    let loss = 0;
    for (const i of order) {
      const d = docs[i]!;
      a.set(b1);
      for (let k = 0; k < d.idx.length; k++) {
        const base = (d.idx[k]! & mask) * u;
        const v = d.val[k]!;
        for (let j = 0; j < u; j++) a[j] = a[j]! + W[base + j]! * v;
      }
      let z = b2;
      for (let j = 0; j < u; j++) if (a[j]! > 0) z += w2[j]! * a[j]!;
      const p = 1 / (1 + Math.exp(-z));
      loss += d.weight * (d.y ? -Math.log(p + 1e-12) : -Math.log(1 - p + 1e-12));
      const g = d.weight * (p - d.y);
      for (let j = 0; j < u; j++) {
        const on = a[j]! > 0;
        dA[j] = on ? g * w2[j]! : 0;
        const gw = (on ? g * a[j]! : 0) + l2 * w2[j]!;
        gw2[j] = gw2[j]! + gw * gw;
        w2[j] = w2[j]! - (lr * gw) / Math.sqrt(gw2[j]!);
        gb1[j] = gb1[j]! + dA[j]! * dA[j]!;
        b1[j] = b1[j]! - (lr * dA[j]!) / Math.sqrt(gb1[j]!);
      }
      gb2 += g * g;
      b2 -= (lr * g) / Math.sqrt(gb2);
      for (let k = 0; k < d.idx.length; k++) {
        const base = (d.idx[k]! & mask) * u;
        const v = d.val[k]!;
        for (let j = 0; j < u; j++) {
          if (dA[j] === 0) continue;
          const q = base + j;
          const grad = dA[j]! * v + l2 * W[q]!;
          G[q] = G[q]! + grad * grad;
          W[q] = W[q]! - (lr * grad) / Math.sqrt(G[q]!);
        }
      }
    }
    if (process.env.GUARD_TRAIN_VERBOSE) console.log(`hidden epoch ${epoch + 1}: loss ${(loss / docs.length).toFixed(4)}`);
  }
  return quantiseHidden(W, b1, w2, b2);
}

/** int8 first layer (one scale), float per-unit numbers; the output scaled by hiddenWeight (its share of the sum). */
function quantiseHidden(W: Float64Array, b1: Float64Array, w2: Float64Array, b2: number): HiddenLayer {
  let max = 0;
  for (const v of W) max = Math.max(max, Math.abs(v));
  const scale = max / 127 || 1;
  const q = new Int8Array(W.length);
  for (let i = 0; i < W.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(W[i]! / scale)));
  const k = HYPER.hiddenWeight;
  return {
    bits: HYPER.hiddenBits,
    units: HYPER.hiddenUnits,
    weights: q,
    scale,
    bias: [...b1],
    out: [...w2].map((x) => x * k),
    outBias: b2 * k,
  };
}
