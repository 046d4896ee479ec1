/** Operating points: per-language quantiles of out-of-fold logits of benign prompt-like TRAIN rows. */
import { isChinese } from "../../../server/guard/classifier/features";
import type { Calibration } from "../../../server/guard/classifier/model";
import { guardView, type Doc } from "./docs";
import { CALIBRATION_EXCLUDED, HYPER } from "./hyper";

export function quantile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Injection-head operating points from out-of-fold logits of benign prompt-like TRAIN rows, per language. */
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
