/**
 * The training examples: TRAIN side of the trainable sets, one per normalised text, featurised on
 * the guard's normalised view, with per-example weights (class and set balance).
 */
import { forEachFeature } from "../../../server/guard/classifier/features";
import { normalize } from "../../../server/guard/normalize";
import { loadTextRows, setInfo } from "../datasets";
import { checkPinnedSplit } from "../split-pin";
import { splitRows, trainingRows, type SplitRow } from "../split";
import { HYPER } from "./hyper";

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
