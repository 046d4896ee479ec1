/**
 * The offline injection / jailbreak classifier (owned by guardml, CONTRACTS.md): logistic
 * regression over hashed character and word n-grams, trained by `npm run guard:train`
 * (scripts/guard/train.ts) on the permissively licensed sets only; weights.ts is generated, and
 * manifest.json says what it was trained on, how the held-out rows were chosen, and how it scored.
 *
 * Pure and fast: no I/O (the weights are a static import), one pass over the text, no per-call
 * allocation beyond the canonical string — well under 0.3 ms for a 4 KB prompt.
 *
 * Calibration, per language, on out-of-fold scores of benign prompt-like TRAIN rows (never test
 * rows): 0.5 = supporting evidence (3 % of them score above it), 0.7 = the default policy's block
 * point (0.5 % since round 2), CLASSIFIER_INFO.thresholds.strict (0.1 %).
 */
import { decodeBase64, score, type DecodedModel } from "./model";
import { WEIGHTS } from "./weights";

const MODEL: DecodedModel = {
  bits: WEIGHTS.bits,
  weights: decodeBase64(WEIGHTS.data),
  scale: WEIGHTS.scale,
  bias: WEIGHTS.bias,
  calibration: WEIGHTS.calibration,
};

export const CLASSIFIER_INFO: { version: string; trainedOn: string[]; thresholds: { evidence: number; block: number; strict: number } } = {
  version: WEIGHTS.version,
  trainedOn: [...WEIGHTS.trainedOn],
  thresholds: { evidence: 0.5, block: 0.7, strict: WEIGHTS.strict },
};

/** Probability-like score (0..1) that the normalised text is a prompt injection or jailbreak. */
export function injectionScore(normalisedText: string): number {
  if (!normalisedText) return 0;
  return score(MODEL, normalisedText);
}
