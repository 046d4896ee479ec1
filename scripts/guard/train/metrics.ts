/** Per-group recall / FPR of the classifier alone, for the manifest (validation: out of fold; test: held out). */
import type { SplitRow } from "../split";

export type Metric = { n: number; positives: number; recall: number | null; fpr: number | null };

const round = (x: number) => Math.round(x * 10000) / 10000;

export function metricsByGroup(rows: SplitRow[], scoreOf: (r: SplitRow) => number, threshold = 0.5): Record<string, Metric> {
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

export const showMetrics = (m: Record<string, Metric>, keys: string[]) =>
  keys.map((k) => `${k.padEnd(36)} n=${String(m[k]?.n ?? 0).padStart(5)} recall=${m[k]?.recall ?? "-"} fpr=${m[k]?.fpr ?? "-"}`).join("\n");
