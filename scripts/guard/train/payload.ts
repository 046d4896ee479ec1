/** The payload head's training examples (round 3), derived from the injection head's docs. */
import type { Doc } from "./docs";
import { HYPER } from "./hyper";

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
