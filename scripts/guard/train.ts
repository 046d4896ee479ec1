/**
 * `npm run guard:train`: trains the injection / jailbreak classifier shipped in
 * server/guard/classifier and writes its weights (weights.ts) and manifest (manifest.json).
 *
 * - Data: the TRAIN side (scripts/guard/split.ts) of the permissively licensed sets only
 *   (scripts/guard/datasets.ts SETS[].trainable): alpaca-eval (NC) and belle-eval-zh
 *   (research-only) are never read for training, and no test row is either.
 *   Positives: jailbreak / injection / extraction prompts (plus our training-only Chinese grammar
 *   rows). Negatives: benign prompts, and plain harmful requests at half weight: a harmful question
 *   without a jailbreak frame is the harmful detector's business, and without them instruction-
 *   style ordinary prompts ("Write a script that…") drift towards the GCG/PAIR positives (out-of-
 *   fold FPR on ordinary English prompts doubled when they were left out).
 * - Model: logistic regression over hashed character 1–4-grams and Latin word 1–2-grams
 *   (server/guard/classifier/features.ts), AdaGrad, L2, class-balanced, seeded shuffle.
 * - Round 7: hyperparameters unchanged; the data grew by the train-only hand-written Chinese set
 *   zh-handwritten-synthetic (scripts/guard/zh/handwritten.ts: 205 attacks, 269 look-alikes).
 * - Round 7: a hidden-layer stage (scripts/guard/train/hidden.ts): 16 ReLU units over the Latin word
 *   buckets, trained on the non-Chinese examples; its logit is added to the injection head's before
 *   calibration (so the operating points are quantiles of the SUM's out-of-fold logits).
 * - Round 4: hyperparameters unchanged (positiveBalance 1.5 and 20 epochs moved no out-of-fold figure
 *   by more than a row or two on scripts/guard/dev-guard.ts); the data grew by the train-only Chinese
 *   seeds of scripts/guard/zh/extra-seeds.ts (datasets/zh-injection, seeds `extra-…`).
 * - Round 3: a second head over the same features, the payload head (harmful request vs benign,
 *   attacks left out), 2^harmfulBits buckets; detectors/injection.ts combines frame and payload.
 *   Its operating points: per-language quantiles (harmfulEvidenceQuantile, harmfulBlockQuantile) of
 *   out-of-fold logits of the same benign pool; 0.9 was chosen over 0.8 / 0.95 on scripts/guard/dev-guard.ts.
 * - Round 2: blockQuantile 0.99 → 0.995, chosen on the TRAIN side's out-of-fold figures: at 0.99 the
 *   ordinary English prompts scored 2.1 % false positives (0.7 % at 0.995), above the ≤ 1 % target, and
 *   the new Chinese intent rules now carry most of the recall the stricter point gives up.
 * - Operating points: from out-of-fold logits of the TRAIN side (5-fold cross-fitting over
 *   near-duplicate groups / zh seed sentences), per language, on benign prompt-like rows: score
 *   0.5 = their 98th percentile (evidence), 0.7 = 99.5th (the default policy's block point).
 *   Weights are quantised to int8; every figure in the manifest is computed with the quantised model.
 *
 * - The held-back rows are pinned (scripts/guard/split-pin.ts): training refuses to run when the
 *   computed split differs from scripts/guard/eval/test-split.json (`--repin` to change it on purpose).
 *
 * Stages (scripts/guard/train/): hyper.ts (hyperparameters), docs.ts (examples and their weights),
 * payload.ts (the payload head's examples), optimiser.ts (AdaGrad logistic regression, int8),
 * folds.ts (cross-fitting), calibration.ts (operating points), metrics.ts, write.ts (weights.ts,
 * manifest.json).
 *
 * Deterministic: same data and code give the same bytes. Takes well under a minute on 2 cores.
 */
import path from "node:path";
import { isChinese } from "../../server/guard/classifier/features";
import { calibrate, logit } from "../../server/guard/classifier/model";
import { setInfo, SETS } from "./datasets";
import { evaluationRows, type SplitRow } from "./split";
import { calibrationFrom, harmfulCalibrationFrom } from "./train/calibration";
import { guardView, trainingDocs } from "./train/docs";
import { outOfFoldHarmful, outOfFoldLogits } from "./train/folds";
import { trainHidden } from "./train/hidden";
import { HYPER, SYNTHETIC } from "./train/hyper";
import { metricsByGroup, showMetrics } from "./train/metrics";
import { toModel, trainLogistic } from "./train/optimiser";
import { harmfulDocs } from "./train/payload";
import { writeManifest, writeWeights } from "./train/write";

// The stages' exports, for the dev tools (dev-guard.ts) and anything else that cross-fits.
export { calibrationFrom, harmfulCalibrationFrom } from "./train/calibration";
export { guardView, trainingDocs, type Doc } from "./train/docs";
export { foldOf, outOfFoldHarmful, outOfFoldLogits } from "./train/folds";
export { HYPER } from "./train/hyper";
export { toModel, trainLogistic } from "./train/optimiser";
export { harmfulDocs } from "./train/payload";

function main() {
  const started = performance.now();
  const { all, unique, docs } = trainingDocs();
  const positives = docs.filter((d) => d.y === 1).length;
  const oof = outOfFoldLogits(docs);
  const final = trainLogistic(docs, HYPER.bits);
  const model = toModel(final.w, final.bias);
  if (HYPER.hiddenUnits > 0) model.hidden = trainHidden(docs);

  const { valLogits, en, zh } = calibrationFrom(docs, oof);
  model.calibration = { en: { evidence: en.evidence, block: en.block }, zh: { evidence: zh.evidence, block: zh.block } };
  // The payload head: cross-fitted for its operating points, then trained on every non-attack example.
  const { oof: oofHarmful } = outOfFoldHarmful(docs);
  const harmfulFit = trainLogistic(harmfulDocs(docs), HYPER.harmfulBits);
  const harmful = toModel(harmfulFit.w, harmfulFit.bias, HYPER.harmfulBits);
  harmful.calibration = harmfulCalibrationFrom(docs, oofHarmful);
  const strict =
    Math.round(Math.max(calibrate(en.strict, model.calibration.en), calibrate(zh.strict, model.calibration.zh), 0.7) * 1000) / 1000;
  const scoreOf = (r: SplitRow) => {
    const view = guardView(r.text);
    return calibrate(logit(model, view), isChinese(view) ? model.calibration.zh : model.calibration.en);
  };

  const oofScore = new Map(valLogits.map((v) => [v.r, calibrate(v.z, v.zh ? model.calibration.zh : model.calibration.en)]));
  const validation = metricsByGroup(
    unique.filter((r) => !SYNTHETIC.has(r.set)),
    (r) => oofScore.get(r)!,
    0.7,
  );
  if (process.env.GUARD_TRAIN_DEBUG)
    for (const [r, sc] of oofScore) {
      if ((r.kind === "attack") !== sc >= 0.7 && !SYNTHETIC.has(r.set))
        console.log(`OOF ${r.kind} ${sc.toFixed(3)} ${r.set} ${r.text.slice(0, 110).replace(/\n/g, " ")}`);
    }
  const test = metricsByGroup(
    evaluationRows(all).filter((r) => setInfo(r.set).trainable || r.kind === "benign"),
    scoreOf,
    0.7,
  );

  // Ship: weights module + manifest.
  const trainedOn = SETS.filter((s) => s.trainable && unique.some((r) => r.set === s.set)).map((s) => s.set);
  const { version, kib } = writeWeights(model, harmful, trainedOn, strict);
  const seconds = writeManifest({ version, trainedOn, all, unique, positives, model, harmful, strict, validation, test, started });

  const keys = Object.keys(test).sort();
  if (process.env.GUARD_TRAIN_VERBOSE) console.log("validation\n" + showMetrics(validation, Object.keys(validation).sort()));
  console.log(`trained ${version} on ${unique.length} rows (${positives} positive) in ${seconds}s; weights ${kib.toFixed(0)} KiB`);
  // Held-out figures go to the manifest; printed only on request, so that nobody tunes by watching them.
  if (process.env.GUARD_TRAIN_SHOW_TEST) console.log(showMetrics(test, keys));
  else console.log("held-out figures: see manifest.json metrics.test (GUARD_TRAIN_SHOW_TEST=1 prints them)");
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) main();
