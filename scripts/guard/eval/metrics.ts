/** Counting helpers for the guard evaluation. */

export type Counts = { tp: number; fn: number; fp: number; tn: number };
export const emptyCounts = (): Counts => ({ tp: 0, fn: 0, fp: 0, tn: 0 });

export function tally(c: Counts, positive: boolean, predicted: boolean): void {
  if (positive) {
    if (predicted) c.tp++;
    else c.fn++;
  } else if (predicted) c.fp++;
  else c.tn++;
}

export const recall = (c: Counts): number | null => (c.tp + c.fn ? c.tp / (c.tp + c.fn) : null);
export const fpr = (c: Counts): number | null => (c.fp + c.tn ? c.fp / (c.fp + c.tn) : null);
export const precision = (c: Counts): number | null => (c.tp + c.fp ? c.tp / (c.tp + c.fp) : null);

/** F-beta; null unless the rows hold both classes (a set of positives only has no precision to speak of). */
export function fbeta(c: Counts, beta = 1): number | null {
  if (c.tp + c.fn === 0 || c.fp + c.tn === 0) return null;
  const p = precision(c) ?? 0;
  const r = recall(c) ?? 0;
  const b2 = beta * beta;
  return p + r === 0 ? 0 : ((1 + b2) * p * r) / (b2 * p + r);
}

/** Span-level F-beta where precision and recall were counted separately (PII). */
export function spanF(tp: number, fp: number, fn: number, beta: number): { precision: number; recall: number; f: number } {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  const b2 = beta * beta;
  return { precision: p, recall: r, f: p + r ? ((1 + b2) * p * r) / (b2 * p + r) : 0 };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const pct = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined || Number.isNaN(x) ? "—" : `${(x * 100).toFixed(digits)} %`;
export const num = (x: number | null | undefined, digits = 3): string =>
  x === null || x === undefined || Number.isNaN(x) ? "—" : x.toFixed(digits);
export const ms = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? "—" : x < 0.1 ? x.toFixed(3) : x.toFixed(2);
