/** The figures printed to the console after docs/guard-eval.md is written. */
import { CATEGORIES, catCounts } from "./categories";
import type { Latency4k } from "./latency";
import { fpr, ms, num, pct, recall, spanF } from "./metrics";
import type { Result } from "./run-detect";
import type { PiiScore } from "./score-pii";
import type { SecretScore } from "./score-secrets";
import type { System } from "./systems";

export function printSummary(
  detectSystems: System[],
  results: Map<string, Result[]>,
  piiResults: Map<string, PiiScore>,
  secretResults: Map<string, SecretScore>,
  lat4k: Map<string, Latency4k>,
): void {
  const summary = CATEGORIES.map(
    (cat) =>
      `${cat.label.trim().slice(0, 58).padEnd(58)} ${detectSystems
        .map((s) => `${s.id}=${pct(cat.positive ? recall(catCounts(results, s.id, cat)) : fpr(catCounts(results, s.id, cat)))}`.padEnd(20))
        .join("")}`,
  );
  console.log(summary.join("\n"));
  for (const [id, a] of piiResults) console.log(`PII F2 ${id}=${num(spanF(a.tp, a.fp, a.fn, 2).f)}`);
  for (const [id, a] of secretResults) console.log(`secrets ${id}: recall ${pct(recall(a.c))}, near-miss FPR ${pct(fpr(a.c))}`);
  for (const [id, l] of lat4k)
    console.log(`4 KB ${id}: wall p50 ${ms(l.p50)} / p99 ${ms(l.p99)} ms, CPU p50 ${ms(l.cpu50)} / p99 ${ms(l.cpu99)} ms`);
}
