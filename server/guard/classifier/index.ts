/**
 * The offline injection / jailbreak classifier (owned by guardml, CONTRACTS.md): logistic
 * regression over hashed character and word n-grams, trained by `npm run guard:train`
 * (scripts/guard/train.ts) on the permissively licensed sets only; weights.ts is generated, and
 * manifest.json says what it was trained on, how the held-out rows were chosen, and how it scored.
 *
 * Two heads over one feature pass (round 3): `injection` (is this a jailbreak / injection frame?)
 * and `harmful` (is what it asks for a harmful request?). detectors/injection.ts combines them: a
 * frame with supporting evidence AND a harmful payload is a jailbreak even when neither alone is sure.
 *
 * Pure and fast: no I/O (the weights are a static import), one pass over the text, no per-call
 * allocation beyond the canonical string — well under 0.5 ms for a 4 KB prompt.
 *
 * Calibration, per language, on out-of-fold scores of benign prompt-like TRAIN rows (never test
 * rows): injection 0.5 = supporting evidence (3 % of them score above it), 0.7 = the default policy's
 * block point (0.5 %), CLASSIFIER_INFO.thresholds.strict (0.1 %); harmful 0.5 = 10 % of them above it.
 */
import type { HiddenLayer } from "./hidden";
import { decodeBase64, scores, type DecodedModel } from "./model";
import { WEIGHTS } from "./weights";

type HiddenWeights = Omit<HiddenLayer, "weights"> & { data: string };
function decodeHidden(h: HiddenWeights): HiddenLayer {
  return { bits: h.bits, units: h.units, weights: decodeBase64(h.data), scale: h.scale, bias: h.bias, out: h.out, outBias: h.outBias };
}

/** Optional in the generated module: weights trained with hiddenUnits 0 have no hidden stage. */
const HIDDEN = (WEIGHTS as { hidden?: HiddenWeights }).hidden;

const MODEL: DecodedModel = {
  bits: WEIGHTS.bits,
  weights: decodeBase64(WEIGHTS.data),
  scale: WEIGHTS.scale,
  bias: WEIGHTS.bias,
  calibration: WEIGHTS.calibration,
  harmful: {
    bits: WEIGHTS.harmful.bits,
    weights: decodeBase64(WEIGHTS.harmful.data),
    scale: WEIGHTS.harmful.scale,
    bias: WEIGHTS.harmful.bias,
    calibration: WEIGHTS.harmful.calibration,
  },
  // round 7: the hidden-layer stage, when the weights carry one
  ...(HIDDEN ? { hidden: decodeHidden(HIDDEN) } : {}),
};

export const CLASSIFIER_INFO: { version: string; trainedOn: string[]; thresholds: { evidence: number; block: number; strict: number } } = {
  version: WEIGHTS.version,
  trainedOn: [...WEIGHTS.trainedOn],
  thresholds: { evidence: 0.5, block: 0.7, strict: WEIGHTS.strict },
};

export type ClassifierScores = { injection: number; harmful: number };

/** Both heads' probability-like scores (0..1) for the normalised text. */
export function classifierScores(normalisedText: string): ClassifierScores {
  if (!normalisedText) return { injection: 0, harmful: 0 };
  return scores(MODEL, normalisedText);
}

/** Probability-like score (0..1) that the normalised text is a prompt injection or jailbreak. */
export function injectionScore(normalisedText: string): number {
  return classifierScores(normalisedText).injection;
}
