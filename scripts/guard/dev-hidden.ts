/**
 * Development aid (round 7): sweeps the hidden-layer stage's settings (scripts/guard/train/hidden.ts)
 * in dev-guard.ts's frame — the whole input guard on TRAIN rows with out-of-fold classifier scores —
 * training the linear heads' folds once. Each setting's OOF logit is added (× a) to the linear
 * head's, recalibrated per language, and judged; no test row is loaded.
 * `npx tsx scripts/guard/dev-hidden.ts '[{"hiddenEpochs":6},{"hiddenBits":15}]' '[0.5, 1]'`
 */
import { calibrate, logit } from "../../server/guard/classifier/model";
import { isChinese } from "../../server/guard/classifier/features";
import { detectHarmful } from "../../server/guard/detectors/harmful";
import { detectInjection } from "../../server/guard/detectors/injection";
import { detectSecrets } from "../../server/guard/detectors/secrets";
import { normalize } from "../../server/guard/normalize";
import { DEFAULT_POLICY } from "../../server/guard/policy";
import { SETS } from "./datasets";
import {
  calibrationFrom,
  foldOf,
  guardView,
  harmfulCalibrationFrom,
  HYPER,
  outOfFoldHarmful,
  outOfFoldLogits,
  trainingDocs,
} from "./train";
import { trainHidden } from "./train/hidden";
import { hiddenLogit } from "../../server/guard/classifier/hidden";
import { features } from "../../server/guard/classifier/features";

const configs = JSON.parse(process.argv[2] ?? "[{}]") as Record<string, number>[];
const alphas = JSON.parse(process.argv[3] ?? "[1]") as number[];
const DEFAULTS = { ...HYPER };
// the linear folds without the stage (outOfFoldLogits adds it when hiddenUnits > 0)
HYPER.hiddenUnits = 0;
const { docs } = trainingDocs();
const lin = outOfFoldLogits(docs);
const { oof: oofH, models: hModels } = outOfFoldHarmful(docs);
const hcal = harmfulCalibrationFrom(docs, oofH);
const SYNTHETIC = new Set(SETS.filter((s) => s.trainOnly).map((s) => s.set));
const KNOWN = new Set(["dan", "role_play", "instruction_override", "system_prompt_extraction"]);
const norms = docs.map((d) => normalize(d.row.text));
const other = docs.map((d, i) =>
  [...detectHarmful(d.row.text, norms[i]), ...detectSecrets(d.row.text)].some((f) => f.score >= DEFAULT_POLICY[f.detector].threshold),
);

function evaluate(tag: string, z: Float64Array) {
  const { valLogits, en, zh } = calibrationFrom(docs, z);
  const acc = new Map<string, [number, number]>();
  const add = (k: string, hit: boolean) => {
    const a = acc.get(k) ?? [0, 0];
    a[0]++;
    if (hit) a[1]++;
    acc.set(k, a);
  };
  for (const [i, d] of docs.entries()) {
    const r = d.row;
    if (SYNTHETIC.has(r.set)) continue;
    const v = valLogits[i]!;
    const c = calibrate(v.z, v.zh ? zh : en);
    const h = calibrate(oofH[i]!, v.zh ? hcal.zh : hcal.en);
    const fold = hModels[foldOf(r)]!;
    const payloadOf = (s: string) => calibrate(logit(fold, s), isChinese(s) ? hcal.zh : hcal.en);
    const hit =
      other[i] ||
      detectInjection(r.text, norms[i], { injection: c, harmful: h, payloadOf }).some(
        (f) => f.score >= DEFAULT_POLICY[f.detector].threshold,
      );
    if (r.kind === "attack") {
      add("all", hit);
      if (KNOWN.has(r.group)) add("known", hit);
      if (r.group === "automated" || r.group === "in_the_wild") add(r.group, hit);
      add(`set:${r.set}/${r.file}`, hit);
    }
    if (r.group === "ordinary") add("ordinary", hit);
    if (r.group === "lookalike" && r.set !== "zh-injection") add("lookalike", hit);
  }
  const f = (k: string) => {
    const a = acc.get(k) ?? [0, 0];
    return `${k}=${a[1]}/${a[0]} (${((100 * a[1]) / Math.max(1, a[0])).toFixed(1)}%)`;
  };
  console.log(
    `${tag.padEnd(60)} ${["all", "known", "automated", "in_the_wild", "ordinary", "lookalike", "set:jailbreakbench-artifacts/PAIR", "set:jailbreakbench-artifacts/GCG"].map(f).join("  ")}`,
  );
}

evaluate("linear", lin);
for (const cfg of configs) {
  Object.assign(HYPER, DEFAULTS, cfg);
  const hid = new Float64Array(docs.length);
  const t0 = performance.now();
  for (let k = 0; k < HYPER.folds; k++) {
    const layer = trainHidden(docs.filter((d) => foldOf(d.row) !== k));
    docs.forEach((d, i) => {
      if (foldOf(d.row) !== k) return;
      const { buckets, count, words } = features(guardView(d.row.text), HYPER.bits);
      hid[i] = isChinese(guardView(d.row.text)) ? 0 : hiddenLogit(layer, buckets, words, count);
    });
  }
  const secs = ((performance.now() - t0) / 1000).toFixed(0);
  for (const a of alphas)
    evaluate(
      `${JSON.stringify(cfg)} a=${a} (${secs}s)`,
      lin.map((z, i) => z + a * hid[i]!),
    );
}
