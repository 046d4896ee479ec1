/** Logistic regression by AdaGrad with L2 over sparse hashed features, and int8 quantisation. */
import type { DecodedModel } from "../../../server/guard/classifier/model";
import { mulberry32, shuffle } from "../random";
import type { Doc } from "./docs";
import { HYPER } from "./hyper";

export function trainLogistic(docs: Doc[], bits: number): { w: Float64Array; bias: number } {
  const dim = 1 << bits;
  const w = new Float64Array(dim);
  const g2 = new Float64Array(dim).fill(1e-8);
  let bias = 0;
  let bg2 = 1e-8;
  const rand = mulberry32(HYPER.seed);
  const order = docs.map((_, i) => i);
  for (let epoch = 0; epoch < HYPER.epochs; epoch++) {
    shuffle(order, rand);
    let loss = 0;
    for (const i of order) {
      const d = docs[i]!;
      let z = bias;
      for (let k = 0; k < d.idx.length; k++) z += w[d.idx[k]!]! * d.val[k]!;
      const p = 1 / (1 + Math.exp(-z));
      loss += d.weight * (d.y ? -Math.log(p + 1e-12) : -Math.log(1 - p + 1e-12));
      const g = d.weight * (p - d.y);
      for (let k = 0; k < d.idx.length; k++) {
        const j = d.idx[k]!;
        const grad = g * d.val[k]! + HYPER.l2 * w[j]!;
        const acc = g2[j]! + grad * grad;
        g2[j] = acc;
        w[j] = w[j]! - (HYPER.learningRate * grad) / Math.sqrt(acc);
      }
      bg2 += g * g;
      bias -= (HYPER.learningRate * g) / Math.sqrt(bg2);
    }
    if (process.env.GUARD_TRAIN_VERBOSE) console.log(`epoch ${epoch + 1}: loss ${(loss / docs.length).toFixed(4)}`);
  }
  return { w, bias };
}

export function quantise(w: Float64Array): { q: Int8Array; scale: number } {
  let max = 0;
  for (const v of w) max = Math.max(max, Math.abs(v));
  const scale = max / 127 || 1;
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w[i]! / scale)));
  return { q, scale };
}

export const toModel = (w: Float64Array, bias: number, bits = HYPER.bits): DecodedModel => {
  const { q, scale } = quantise(w);
  return { bits, weights: q, scale, bias, calibration: { en: { evidence: 0, block: 0 }, zh: { evidence: 0, block: 0 } } };
};
