/**
 * Cross-fitting: K models, each trained without one fold of near-duplicate groups (zh rows: of
 * seed sentences), score the fold they did not see. Those out-of-fold logits set the operating
 * points and give the validation figures; the shipped model is then trained on every example.
 */
import { logit, type DecodedModel } from "../../../server/guard/classifier/model";
import { fnv1a } from "../random";
import type { SplitRow } from "../split";
import { guardView, type Doc } from "./docs";
import { HYPER } from "./hyper";
import { toModel, trainLogistic } from "./optimiser";
import { trainHidden } from "./hidden";
import { harmfulDocs } from "./payload";

/** Cross-fold of a TRAIN row: its near-duplicate group (zh rows: its seed sentence). */
export const foldOf = (r: SplitRow) => fnv1a(`fold-v1${r.seed ?? r.cluster}`) % HYPER.folds;

/** Out-of-fold injection-head logits for every doc (with the hidden-layer stage's added, when there is one). */
export function outOfFoldLogits(docs: Doc[]): Float64Array {
  const oof = new Float64Array(docs.length);
  for (let k = 0; k < HYPER.folds; k++) {
    const train = docs.filter((d) => foldOf(d.row) !== k);
    const fitted = trainLogistic(train, HYPER.bits);
    const m = toModel(fitted.w, fitted.bias);
    if (HYPER.hiddenUnits > 0) m.hidden = trainHidden(train);
    docs.forEach((d, i) => {
      if (foldOf(d.row) === k) oof[i] = logit(m, guardView(d.row.text));
    });
  }
  return oof;
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
