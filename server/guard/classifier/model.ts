/** The classifier's scoring, given decoded weights: shared by inference (./index.ts) and the trainer's checks. */
import { forEachFeature } from "./features";

export type DecodedModel = {
  bits: number;
  /** int8 weights, one per hash bucket; real weight = q × scale. */
  weights: Int8Array;
  scale: number;
  bias: number;
  /** Logit offset: the recommended operating point maps to score 0.5. */
  offset: number;
};

/** The raw logit (before the operating-point offset). */
export function logit(model: DecodedModel, text: string): number {
  let sum = 0;
  const w = model.weights;
  const n = forEachFeature(text, model.bits, (b) => {
    sum += w[b]!;
  });
  return n === 0 ? model.bias : model.bias + (sum * model.scale) / Math.sqrt(n);
}

export function score(model: DecodedModel, text: string): number {
  const z = logit(model, text) - model.offset;
  return 1 / (1 + Math.exp(-z));
}

export function decodeBase64(b64: string): Int8Array {
  const bin = atob(b64);
  const out = new Int8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = (bin.charCodeAt(i) << 24) >> 24;
  return out;
}
