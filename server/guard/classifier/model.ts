/** The classifier's scoring, given decoded weights: shared by inference (./index.ts) and the trainer. */
import { forEachFeature, isChinese } from "./features";

/** Where a raw logit sits against validation negatives, per language (Chinese texts score lower overall). */
export type Calibration = {
  /** logit at which the score is 0.5: supporting evidence (validation-negative quantile EVIDENCE_QUANTILE) */
  evidence: number;
  /** logit at which the score is 0.7: the default policy's block point (quantile BLOCK_QUANTILE) */
  block: number;
};

export type DecodedModel = {
  bits: number;
  /** int8 weights, one per hash bucket; real weight = q × scale. */
  weights: Int8Array;
  scale: number;
  bias: number;
  calibration: { en: Calibration; zh: Calibration };
};

/** The raw logit. */
export function logit(model: DecodedModel, text: string): number {
  let sum = 0;
  const w = model.weights;
  const n = forEachFeature(text, model.bits, (b) => {
    sum += w[b]!;
  });
  return n === 0 ? model.bias : model.bias + (sum * model.scale) / Math.sqrt(n);
}

const LOGIT_07 = Math.log(0.7 / 0.3);

/**
 * Monotone piecewise-linear map of the raw logit so that 0.5 and 0.7 mean the same thing in both
 * languages: 0.5 at the evidence point, 0.7 at the block point, unit slope outside them.
 */
export function calibrate(z: number, c: Calibration): number {
  let y: number;
  if (z <= c.evidence) y = z - c.evidence;
  else if (z <= c.block) y = ((z - c.evidence) / Math.max(1e-6, c.block - c.evidence)) * LOGIT_07;
  else y = LOGIT_07 + (z - c.block);
  return 1 / (1 + Math.exp(-y));
}

export function score(model: DecodedModel, text: string): number {
  return calibrate(logit(model, text), isChinese(text) ? model.calibration.zh : model.calibration.en);
}

export function decodeBase64(b64: string): Int8Array {
  const bin = atob(b64);
  const out = new Int8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = (bin.charCodeAt(i) << 24) >> 24;
  return out;
}
