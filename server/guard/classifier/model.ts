/** The classifier's scoring, given decoded weights: shared by inference (./index.ts) and the trainer. */
import { features, isChinese } from "./features";
import { hiddenLogit, type HiddenLayer } from "./hidden";

/** Where a raw logit sits against validation negatives, per language (Chinese texts score lower overall). */
export type Calibration = {
  /** logit at which the score is 0.5: supporting evidence (validation-negative quantile EVIDENCE_QUANTILE) */
  evidence: number;
  /** logit at which the score is 0.7: the default policy's block point (quantile BLOCK_QUANTILE) */
  block: number;
};

/** One logistic-regression head over the shared hashed features. */
export type Head = {
  bits: number;
  /** int8 weights, one per hash bucket (bucket & (2^bits − 1)); real weight = q × scale. */
  weights: Int8Array;
  scale: number;
  bias: number;
  calibration: { en: Calibration; zh: Calibration };
};

/**
 * The injection head, and (round 3) an optional second head over the same features, trained to
 * tell plain harmful requests from benign prompts: a jailbreak is a frame AND a payload, and the
 * second head scores the payload (see detectors/injection.ts, where the two are combined).
 */
export type DecodedModel = Head & { harmful?: Head; hidden?: HiddenLayer };

/**
 * The raw logit of one head, plus the hidden-layer stage's (round 7) when the head carries one and
 * the text is not Chinese: the stage reads Latin words only, and was trained on non-Chinese texts.
 */
export function logit(model: Head & { hidden?: HiddenLayer }, text: string): number {
  let sum = 0;
  const w = model.weights;
  const { buckets, count: n, words } = features(text, model.bits);
  for (let k = 0; k < n; k++) sum += w[buckets[k]!]!;
  const z = n === 0 ? model.bias : model.bias + (sum * model.scale) / Math.sqrt(n);
  return model.hidden && !isChinese(text) ? z + hiddenLogit(model.hidden, buckets, words, n) : z;
}

/** Both heads' raw logits in ONE pass over the features (the second head's buckets are the low bits of the first's). */
export function logits(model: DecodedModel, text: string, zh = isChinese(text)): [number, number] {
  const h = model.harmful;
  if (!h) return [logit(model, text), 0];
  let a = 0;
  let b = 0;
  const wa = model.weights;
  const wb = h.weights;
  const maskB = (1 << h.bits) - 1;
  const { buckets, count: n, words } = features(text, model.bits);
  for (let k = 0; k < n; k++) {
    const bucket = buckets[k]!;
    a += wa[bucket]!;
    b += wb[bucket & maskB]!;
  }
  const extra = model.hidden && !zh ? hiddenLogit(model.hidden, buckets, words, n) : 0;
  if (n === 0) return [model.bias + extra, h.bias];
  const root = Math.sqrt(n);
  return [model.bias + (a * model.scale) / root + extra, h.bias + (b * h.scale) / root];
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

export function score(model: Head, text: string): number {
  return calibrate(logit(model, text), isChinese(text) ? model.calibration.zh : model.calibration.en);
}

/** Calibrated scores of both heads (harmful = 0 when the model has no second head). */
export function scores(model: DecodedModel, text: string): { injection: number; harmful: number } {
  const zh = isChinese(text);
  const [a, b] = logits(model, text, zh);
  return {
    injection: calibrate(a, zh ? model.calibration.zh : model.calibration.en),
    harmful: model.harmful ? calibrate(b, zh ? model.harmful.calibration.zh : model.harmful.calibration.en) : 0,
  };
}

export function decodeBase64(b64: string): Int8Array {
  const bin = atob(b64);
  const out = new Int8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = (bin.charCodeAt(i) << 24) >> 24;
  return out;
}
