/**
 * Every TRAIN document with the scores of the cross-fitting fold that did not see it: the injection
 * head's logit calibrated per language, and the payload head's, plus each fold's payload model for
 * sentence scores. The development tools (dev-guard.ts, dev-harmful.ts) judge the guard on these.
 */
import { calibrationFrom, harmfulCalibrationFrom } from "./calibration";
import { trainingDocs } from "./docs";
import { outOfFoldHarmful, outOfFoldLogits } from "./folds";

export function outOfFoldScores() {
  const { docs } = trainingDocs();
  const oof = outOfFoldLogits(docs);
  const { valLogits, en, zh } = calibrationFrom(docs, oof);
  const { oof: oofH, models: hModels } = outOfFoldHarmful(docs);
  const hcal = harmfulCalibrationFrom(docs, oofH);
  return { docs, valLogits, en, zh, oofH, hModels, hcal };
}
