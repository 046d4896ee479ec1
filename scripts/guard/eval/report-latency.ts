/** The latency section of the report: per held-back row, and on the 4 KB prompt (wall and CPU time). */
import type { Latency4k } from "./latency";
import { table } from "./markdown";
import { ms, percentile } from "./metrics";
import type { Result } from "./run-detect";
import type { System } from "./systems";

export function latencySection(
  lines: string[],
  detectSystems: System[],
  results: Map<string, Result[]>,
  lat4k: Map<string, Latency4k>,
): void {
  lines.push(
    "## Latency",
    "",
    "Per prompt over all held-back rows, and on a 4 KB prompt (alternating English and Chinese, 400 runs after 50 warm-up).",
    "",
  );
  table(
    lines,
    ["system", "rows p50 ms", "rows p99 ms", "4 KB p50 ms", "4 KB p99 ms", "4 KB CPU p50 ms", "4 KB CPU p99 ms"],
    [
      ...detectSystems.map((s) => {
        const lat = results.get(s.id)!.map((r) => r.ms);
        const k = lat4k.get(s.id);
        return [s.id, ms(percentile(lat, 0.5)), ms(percentile(lat, 0.99)), ms(k?.p50), ms(k?.p99), ms(k?.cpu50), ms(k?.cpu99)];
      }),
      ...[
        ["classifier incl. normalise", "classifier-only"],
        ["classifier on normalised text", "classifier-core"],
      ].map(([label, id]) => {
        const k = lat4k.get(id!);
        return [label!, "—", "—", ms(k?.p50), ms(k?.p99), ms(k?.cpu50), ms(k?.cpu99)];
      }),
    ],
  );
}
