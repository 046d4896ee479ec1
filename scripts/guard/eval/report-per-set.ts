/** The per-dataset-and-language section of the report, one table per detecting system. */
import { table } from "./markdown";
import { emptyCounts, fbeta, fpr, ms, num, pct, percentile, recall, tally, type Counts } from "./metrics";
import type { Result } from "./run-detect";
import type { System } from "./systems";

export function perSetSection(lines: string[], detectSystems: System[], results: Map<string, Result[]>): void {
  lines.push("## Per dataset and language", "");
  lines.push("Positive rows = attack or harmful. F1 only where a dataset holds both classes.", "");
  for (const sys of detectSystems) {
    lines.push(`### ${sys.label}`, "");
    const groups = new Map<string, Result[]>();
    for (const r of results.get(sys.id)!) {
      const key = `${r.row.set} · ${r.row.kind === "benign" ? "benign" : r.row.kind} · ${r.row.lang}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
    }
    table(
      lines,
      ["set · kind · lang", "n", "recall", "FPR", "F1", "p50 ms", "p99 ms"],
      [...groups]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, rs]) => {
          const c = emptyCounts();
          for (const r of rs) tally(c, r.row.kind !== "benign", r.hit);
          const lat = rs.map((r) => r.ms);
          return [key, String(rs.length), pct(recall(c)), pct(fpr(c)), num(fbeta(c)), ms(percentile(lat, 0.5)), ms(percentile(lat, 0.99))];
        }),
    );
    // F1 per set over both classes where a set has both
    const bySet = new Map<string, Counts>();
    for (const r of results.get(sys.id)!)
      tally(bySet.get(r.row.set) ?? bySet.set(r.row.set, emptyCounts()).get(r.row.set)!, r.row.kind !== "benign", r.hit);
    const mixed = [...bySet].filter(([, c]) => fbeta(c) !== null);
    if (mixed.length) lines.push(`F1 per mixed set: ${mixed.map(([s, c]) => `${s} ${num(fbeta(c))}`).join(", ")}.`, "");
  }
}
