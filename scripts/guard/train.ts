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
 * Deterministic: same data and code give the same bytes. Takes well under a minute on 2 cores.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { forEachFeature, isChinese } from "../../server/guard/classifier/features";
import { calibrate, logit, type Calibration, type DecodedModel } from "../../server/guard/classifier/model";
import { normalize } from "../../server/guard/normalize";
import { loadTextRows, setInfo, SETS, ZH_FILE } from "./datasets";
import { fnv1a, mulberry32, shuffle } from "./random";
import { checkPinnedSplit } from "./split-pin";
import { evaluationRows, SPLIT_RULE, splitRows, TEST_PERCENT, trainingRows, type SplitRow } from "./split";

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
  ...(process.env.GUARD_HYPER ? (JSON.parse(process.env.GUARD_HYPER) as object) : {}),
};

/** Synthetic rows are easy by construction: they train, but never set an operating point or a figure. */
const SYNTHETIC = new Set(SETS.filter((s) => s.trainOnly).map((s) => s.set));
const CALIBRATION_EXCLUDED = new Set(["cold-zh", "openai-moderation", ...SYNTHETIC]);

export type Doc = { idx: Int32Array; val: Float32Array; y: 0 | 1; weight: number; row: SplitRow };

/** What the guard hands the classifier at run time: its normalised view (server/guard/normalize.ts). */
export const guardView = (text: string) => normalize(text).text;

function featurise(text: string, bits: number): { idx: Int32Array; val: Float32Array } {
  const counts = new Map<number, number>();
  const n = forEachFeature(text, bits, (b) => counts.set(b, (counts.get(b) ?? 0) + 1));
  const idx = new Int32Array(counts.size);
  const val = new Float32Array(counts.size);
  const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
  let i = 0;
  for (const [b, c] of counts) {
    idx[i] = b;
    val[i] = c * norm;
    i++;
  }
  return { idx, val };
}

/**
 * Example weights: no negative set may outweigh NEGATIVE_SET_CAP of its language's negatives
 * (cold-zh alone has thousands of social-media comments), and within each language the attacks
 * weigh as much as the negatives — otherwise "is Chinese" becomes a benign feature.
 */
function exampleWeights(rows: SplitRow[]): number[] {
  const base = rows.map((r) => (r.kind === "attack" ? 1 : HYPER.negativeWeight[r.kind]));
  const setTotals = new Map<string, number>();
  const langNeg = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.kind === "attack") return;
    setTotals.set(`${r.lang}/${r.set}`, (setTotals.get(`${r.lang}/${r.set}`) ?? 0) + base[i]!);
    langNeg.set(r.lang, (langNeg.get(r.lang) ?? 0) + base[i]!);
  });
  const w = rows.map((r, i) => {
    if (r.kind === "attack") return 1;
    const cap = HYPER.negativeSetCap * langNeg.get(r.lang)!;
    const total = setTotals.get(`${r.lang}/${r.set}`)!;
    return base[i]! * (total > cap ? cap / total : 1);
  });
  for (const lang of ["en", "zh"]) {
    const neg = rows.reduce((s, r, i) => s + (r.lang === lang && r.kind !== "attack" ? w[i]! : 0), 0);
    const pos = rows.filter((r) => r.lang === lang && r.kind === "attack").length;
    rows.forEach((r, i) => {
      if (r.lang === lang && r.kind === "attack") w[i] = (HYPER.positiveBalance * neg) / Math.max(1, pos);
    });
  }
  // Mean weight 1, so the learning rate means the same whatever the mix.
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  return w.map((x) => x / mean);
}

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

function quantise(w: Float64Array): { q: Int8Array; scale: number } {
  let max = 0;
  for (const v of w) max = Math.max(max, Math.abs(v));
  const scale = max / 127 || 1;
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w[i]! / scale)));
  return { q, scale };
}

function quantile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

type Metric = { n: number; positives: number; recall: number | null; fpr: number | null };
function metricsByGroup(rows: SplitRow[], scoreOf: (r: SplitRow) => number, threshold = 0.5): Record<string, Metric> {
  const out: Record<string, Metric> = {};
  const add = (key: string, r: SplitRow, hit: boolean) => {
    const m = (out[key] ??= { n: 0, positives: 0, recall: 0, fpr: 0 });
    m.n++;
    if (r.kind === "attack") {
      m.positives++;
      m.recall = (m.recall ?? 0) + (hit ? 1 : 0);
    } else m.fpr = (m.fpr ?? 0) + (hit ? 1 : 0);
  };
  for (const r of rows) {
    const hit = scoreOf(r) >= threshold;
    add(`${r.group}/${r.lang}`, r, hit);
    add(`set:${r.set}`, r, hit);
    add(r.kind === "attack" ? "all_attacks" : `all_${r.kind}`, r, hit);
  }
  for (const m of Object.values(out)) {
    const neg = m.n - m.positives;
    m.recall = m.positives ? round((m.recall ?? 0) / m.positives) : null;
    m.fpr = neg ? round((m.fpr ?? 0) / neg) : null;
  }
  return out;
}
const round = (x: number) => Math.round(x * 10000) / 10000;

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

/** The training examples: TRAIN side of the trainable sets, one per normalised text, featurised on the guard's view. */
export function trainingDocs(): { all: SplitRow[]; unique: SplitRow[]; docs: Doc[] } {
  const all = splitRows(loadTextRows());
  checkPinnedSplit(all);
  const train = trainingRows(all);
  for (const r of train) {
    // Belt and braces: the licence gate and the split gate, checked again on the final list.
    if (!setInfo(r.set).trainable || r.split !== "train") throw new Error(`refusing to train on ${r.set} (${r.split})`);
  }

  // One example per normalised text (an attack wins a label conflict).
  const byNorm = new Map<string, SplitRow>();
  for (const r of train) {
    const cur = byNorm.get(r.norm);
    if (!cur || (r.kind === "attack" && cur.kind !== "attack")) byNorm.set(r.norm, r);
  }
  const unique = [...byNorm.values()].filter((r) => r.kind === "attack" || HYPER.negativeWeight[r.kind] > 0);
  // Every training example, featurised once on the guard's normalised view.
  const weights = exampleWeights(unique);
  const docs: Doc[] = unique.map((row, i) => ({
    ...featurise(guardView(row.text), HYPER.bits),
    y: row.kind === "attack" ? 1 : 0,
    weight: weights[i]!,
    row,
  }));
  return { all, unique, docs };
}

export const toModel = (w: Float64Array, bias: number, bits = HYPER.bits): DecodedModel => {
  const { q, scale } = quantise(w);
  return { bits, weights: q, scale, bias, calibration: { en: { evidence: 0, block: 0 }, zh: { evidence: 0, block: 0 } } };
};

/** Cross-fold of a TRAIN row: its near-duplicate group (zh rows: its seed sentence). */
export const foldOf = (r: SplitRow) => fnv1a(`fold-v1${r.seed ?? r.cluster}`) % HYPER.folds;

/**
 * Cross-fitting: K models, each trained without one fold of near-duplicate groups (zh rows: of
 * seed sentences), score the fold they did not see. Those out-of-fold logits set the operating
 * points and give the validation figures; the shipped model is then trained on every example.
 */
export function outOfFoldLogits(docs: Doc[]): Float64Array {
  const oof = new Float64Array(docs.length);
  for (let k = 0; k < HYPER.folds; k++) {
    const fitted = trainLogistic(
      docs.filter((d) => foldOf(d.row) !== k),
      HYPER.bits,
    );
    const m = toModel(fitted.w, fitted.bias);
    docs.forEach((d, i) => {
      if (foldOf(d.row) === k) oof[i] = logit(m, guardView(d.row.text));
    });
  }
  return oof;
}

/** Operating points from out-of-fold logits of benign prompt-like TRAIN rows, per language. */
export function calibrationFrom(docs: Doc[], oof: Float64Array) {
  const valLogits = docs.map((d, i) => ({ r: d.row, z: oof[i]!, zh: isChinese(guardView(d.row.text)) }));
  const calibrationFor = (zh: boolean): Calibration & { strict: number } => {
    // Benign prompt-like rows only (the targets are false positives on benign traffic). COLD
    // comments and OpenAI-moderation web snippets are not prompts
    // and score far lower than real requests, so they would set the operating point too loose;
    // synthetic rows are easy by construction.
    const neg = valLogits
      .filter((v) => v.zh === zh && v.r.kind === "benign" && !CALIBRATION_EXCLUDED.has(v.r.set))
      .map((v) => v.z)
      .sort((a, b) => a - b);
    const evidence = quantile(neg, HYPER.evidenceQuantile);
    const block = Math.max(evidence + 1e-3, quantile(neg, HYPER.blockQuantile));
    return { evidence, block, strict: quantile(neg, HYPER.strictQuantile) };
  };
  return { valLogits, en: calibrationFor(false), zh: calibrationFor(true) };
}

/**
 * The payload head's examples (round 3): plain harmful requests (positive) against benign prompts
 * and texts (negative), attacks left out, so that it scores WHAT is asked, not the jailbreak frame.
 * Per language the two classes weigh the same; no benign set outweighs negativeSetCap of its language.
 */
export function harmfulDocs(docs: Doc[]): Doc[] {
  const mask = (1 << HYPER.harmfulBits) - 1;
  const kept = docs.filter((d) => d.row.kind !== "attack");
  const w = kept.map(() => 1);
  for (const lang of ["en", "zh"]) {
    const setTotals = new Map<string, number>();
    let neg = 0;
    let pos = 0;
    kept.forEach((d) => {
      if (d.row.lang !== lang) return;
      if (d.row.kind === "harmful") pos++;
      else {
        neg++;
        setTotals.set(d.row.set, (setTotals.get(d.row.set) ?? 0) + 1);
      }
    });
    kept.forEach((d, i) => {
      if (d.row.lang !== lang) return;
      if (d.row.kind === "harmful") w[i] = neg / Math.max(1, pos);
      else {
        const total = setTotals.get(d.row.set)!;
        const cap = HYPER.negativeSetCap * neg;
        w[i] = total > cap ? cap / total : 1;
      }
    });
    // re-balance after the caps
    const negW = kept.reduce((a, d, i) => a + (d.row.lang === lang && d.row.kind !== "harmful" ? w[i]! : 0), 0);
    kept.forEach((d, i) => {
      if (d.row.lang === lang && d.row.kind === "harmful") w[i] = negW / Math.max(1, pos);
    });
  }
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  return kept.map((d, i) => ({
    idx: d.idx.map((b) => b & mask),
    val: d.val,
    y: d.row.kind === "harmful" ? 1 : 0,
    weight: w[i]! / mean,
    row: d.row,
  }));
}

/** Out-of-fold payload-head logits for EVERY doc (attacks included: they are scored, never trained on). */
export function outOfFoldHarmful(docs: Doc[]): { oof: Float64Array; models: DecodedModel[] } {
  const hd = harmfulDocs(docs);
  const oof = new Float64Array(docs.length);
  const models: DecodedModel[] = [];
  for (let k = 0; k < HYPER.folds; k++) {
    const fitted = trainLogistic(
      hd.filter((d) => foldOf(d.row) !== k),
      HYPER.harmfulBits,
    );
    const m = toModel(fitted.w, fitted.bias, HYPER.harmfulBits);
    models.push(m);
    docs.forEach((d, i) => {
      if (foldOf(d.row) === k) oof[i] = logit(m, guardView(d.row.text));
    });
  }
  return { oof, models };
}

/** Payload-head operating points, per language, from out-of-fold logits of benign prompt-like TRAIN rows. */
export function harmfulCalibrationFrom(docs: Doc[], oofH: Float64Array): { en: Calibration; zh: Calibration } {
  const of = (zh: boolean): Calibration => {
    const neg = docs
      .map((d, i) => ({ d, z: oofH[i]! }))
      .filter((v) => v.d.row.kind === "benign" && !CALIBRATION_EXCLUDED.has(v.d.row.set) && isChinese(guardView(v.d.row.text)) === zh)
      .map((v) => v.z)
      .sort((a, b) => a - b);
    const evidence = quantile(neg, HYPER.harmfulEvidenceQuantile);
    return { evidence, block: Math.max(evidence + 1e-3, quantile(neg, HYPER.harmfulBlockQuantile)) };
  };
  return { en: of(false), zh: of(true) };
}

function main() {
  const started = performance.now();
  const { all, unique, docs } = trainingDocs();
  const positives = docs.filter((d) => d.y === 1).length;
  const oof = outOfFoldLogits(docs);
  const final = trainLogistic(docs, HYPER.bits);
  const model = toModel(final.w, final.bias);
  const { weights: q, scale, bias } = model;

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
  const b64 = Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString("base64");
  const hb64 = Buffer.from(harmful.weights.buffer, harmful.weights.byteOffset, harmful.weights.byteLength).toString("base64");
  const version = `inj-lr2-${HYPER.bits}b-${fnv1a(b64 + hb64)
    .toString(16)
    .padStart(8, "0")}`;
  const dir = path.resolve("server/guard/classifier");
  writeFileSync(
    path.join(dir, "weights.ts"),
    [
      "// Generated by `npm run guard:train` (scripts/guard/train.ts). Do not edit: retrain instead.",
      "// int8 logistic-regression weights over 2^bits hashed features, base64; see manifest.json.",
      "export const WEIGHTS = {",
      `  version: ${JSON.stringify(version)},`,
      `  trainedOn: ${JSON.stringify(trainedOn)},`,
      `  bits: ${HYPER.bits},`,
      `  scale: ${scale},`,
      `  bias: ${bias},`,
      `  calibration: ${JSON.stringify(model.calibration)},`,
      `  strict: ${strict},`,
      `  data: "${b64}",`,
      "  // the payload head (round 3): buckets are the low harmful.bits bits of the same features",
      `  harmful: { bits: ${HYPER.harmfulBits}, scale: ${harmful.scale}, bias: ${harmful.bias}, calibration: ${JSON.stringify(harmful.calibration)}, data: "${hb64}" },`,
      "} as const;",
      "",
    ].join("\n"),
  );

  const files = new Map<string, { set: string; file: string; train: number; licence: string }>();
  for (const r of unique) {
    const key = `${r.set}/${r.file}`;
    const f = files.get(key) ?? {
      set: r.set,
      file: r.set === "zh-injection" ? `${ZH_FILE} (${r.file})` : r.file,
      train: 0,
      licence: setInfo(r.set).licence,
    };
    f.train++;
    files.set(key, f);
  }
  const manifest = {
    version,
    createdBy: "scripts/guard/train.ts (npm run guard:train)",
    commit: gitCommit(),
    trainedOn: trainedOn.map((s) => ({ set: s, licence: setInfo(s).licence })),
    neverTrainedOn: SETS.filter((s) => !s.trainable).map((s) => ({ set: s.set, licence: s.licence, why: s.note })),
    files: [...files.values()].sort((a, b) => (a.set + a.file).localeCompare(b.set + b.file)),
    rows: {
      train: unique.length,
      trainPositives: positives,
      crossFitFolds: HYPER.folds,
      heldOutTestPercent: TEST_PERCENT,
      testRowsNeverSeen: all.filter((r) => r.split === "test").length,
    },
    split: SPLIT_RULE,
    labels:
      "injection head: positive = jailbreak / injection / system-prompt extraction prompts; negative = benign prompts, and plain harmful requests at half weight. " +
      "Payload head (round 3): positive = plain harmful requests; negative = benign prompts and texts; attack rows left out",
    features:
      "on the guard's normalised view (server/guard/normalize.ts): hashed char 1-4-grams over letters/digits (NFKC by the normaliser, lower-cased, format chars removed, pinyin attack words folded to Han) + Latin word 1-2-grams into 2^bits buckets; sum / sqrt(count)",
    model: `two logistic-regression heads over the same features (injection: 2^${HYPER.bits} buckets; payload: 2^${HYPER.harmfulBits}, the low bits of the same buckets), AdaGrad, L2, class-balanced; int8-quantised weights`,
    hyperparameters: HYPER,
    operatingPoints: {
      rule:
        `per language (Chinese = Han >= 15 % of non-space characters), on out-of-fold logits of benign prompt-like rows, COLD and OpenAI-moderation snippets and synthetic rows excluded (${HYPER.folds}-fold cross-fitting over near-duplicate groups of the TRAIN side): ` +
        `score 0.5 = ${HYPER.evidenceQuantile} quantile (supporting evidence), 0.7 = ${HYPER.blockQuantile} quantile (default policy block), ` +
        `${strict} = ${HYPER.strictQuantile} quantile (strict)`,
      calibration: model.calibration,
      recommended: { evidence: 0.5, block: 0.7, strict },
      payloadHead: {
        rule: `per language, same pool: payload score 0.5 = ${HYPER.harmfulEvidenceQuantile} quantile, 0.7 = ${HYPER.harmfulBlockQuantile} quantile`,
        calibration: harmful.calibration,
      },
    },
    metrics: {
      note: "Classifier alone at score >= 0.7 (the block point), quantised weights. test = held-out rows (test side of every trainable set, all rows of evaluation-only benign sets).",
      validation,
      test,
    },
    trainingSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  execFileSync("npx", ["prettier", "--write", path.join(dir, "weights.ts"), path.join(dir, "manifest.json")], { stdio: "ignore" });

  const show = (m: Record<string, Metric>, keys: string[]) =>
    keys
      .map((k) => `${k.padEnd(36)} n=${String(m[k]?.n ?? 0).padStart(5)} recall=${m[k]?.recall ?? "-"} fpr=${m[k]?.fpr ?? "-"}`)
      .join("\n");
  const keys = Object.keys(test).sort();
  if (process.env.GUARD_TRAIN_VERBOSE) console.log("validation\n" + show(validation, Object.keys(validation).sort()));
  console.log(
    `trained ${version} on ${unique.length} rows (${positives} positive) in ${manifest.trainingSeconds}s; weights ${(b64.length / 1024).toFixed(0)} KiB`,
  );
  // Held-out figures go to the manifest; printed only on request, so that nobody tunes by watching them.
  if (process.env.GUARD_TRAIN_SHOW_TEST) console.log(show(test, keys));
  else console.log("held-out figures: see manifest.json metrics.test (GUARD_TRAIN_SHOW_TEST=1 prints them)");
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) main();
