/**
 * The classifier trainer's hyperparameters and set lists (scripts/guard/train.ts). GUARD_HYPER
 * (JSON) overrides any of them for a development run; the shipped weights use the defaults.
 */
import { SETS } from "../datasets";

export const HYPER = {
  bits: 19,
  /** The payload head (round 3): fewer buckets, indexed by the low bits of the same features. */
  harmfulBits: 18,
  /** Payload head operating point: its score 0.5 = this quantile of benign prompt-like out-of-fold logits. */
  harmfulEvidenceQuantile: 0.9,
  harmfulBlockQuantile: 0.99,
  epochs: 12,
  learningRate: 0.3,
  l2: 2e-7,
  seed: 20261128,
  folds: 5,
  evidenceQuantile: 0.97,
  blockQuantile: 0.995,
  strictQuantile: 0.999,
  negativeWeight: { benign: 1, harmful: 0.5 } as Record<"benign" | "harmful", number>,
  negativeSetCap: 0.3,
  positiveBalance: 1,
  /** Round 7: the hidden-layer stage (0 units = none); its logit × hiddenWeight is added to the injection head's. */
  hiddenUnits: 16,
  hiddenBits: 16,
  hiddenEpochs: 6,
  hiddenLearningRate: 0.05,
  hiddenInit: 0.1,
  hiddenL2: 1e-4,
  hiddenWeight: 1,
  ...(process.env.GUARD_HYPER ? (JSON.parse(process.env.GUARD_HYPER) as object) : {}),
};

/** Synthetic rows are easy by construction: they train, but never set an operating point or a figure. */
export const SYNTHETIC = new Set(SETS.filter((s) => s.trainOnly).map((s) => s.set));
export const CALIBRATION_EXCLUDED = new Set(["cold-zh", "openai-moderation", ...SYNTHETIC]);
