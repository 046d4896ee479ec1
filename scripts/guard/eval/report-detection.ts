/**
 * The detection sections of the report: the headline table by category, injection F1, and the
 * classifier alone at other thresholds.
 */
import { CLASSIFIER_INFO, injectionScore } from "../../../server/guard/classifier";
import { normalize } from "../../../server/guard/normalize";
import type { SplitRow } from "../split";
import { CATEGORIES, catCounts } from "./categories";
import { table } from "./markdown";
import { emptyCounts, fbeta, fpr, num, pct, recall, tally } from "./metrics";
import type { Result } from "./run-detect";
import type { System } from "./systems";

export function detectionSections(lines: string[], detectSystems: System[], results: Map<string, Result[]>, rows: SplitRow[]): void {
  table(
    lines,
    ["category", "n", ...detectSystems.map((s) => s.id)],
    CATEGORIES.map((cat) => {
      const n = results.get(detectSystems[0]!.id)!.filter((r) => cat.match(r.row)).length;
      return [
        cat.label,
        String(n),
        ...detectSystems.map((s) => pct(cat.positive ? recall(catCounts(results, s.id, cat)) : fpr(catCounts(results, s.id, cat)))),
      ];
    }),
  );

  lines.push("Injection F1 (all attack rows vs ordinary + look-alike prompts, including ours zh):", "");
  table(
    lines,
    ["system", "F1"],
    detectSystems.map((s) => {
      const c = emptyCounts();
      for (const r of results.get(s.id)!) {
        if (r.row.kind === "attack") tally(c, true, r.hit);
        else if (r.row.group === "ordinary" || r.row.group === "lookalike") tally(c, false, r.hit);
      }
      return [s.id, num(fbeta(c))];
    }),
  );

  // The classifier's trade-off at other thresholds (information for the policy, not a tuning step).
  const scored = rows.map((row) => ({ row, s: injectionScore(normalize(row.text).text) }));
  const points = [...new Set([0.5, 0.6, 0.7, 0.8, 0.9, CLASSIFIER_INFO.thresholds.strict])].sort((a, b) => a - b);
  const cats = ["known", "all_attacks", "zh_attack", "ordinary", "lookalike", "zh_benign"].map((id) =>
    CATEGORIES.find((c) => c.id === id)!,
  );
  lines.push(
    "Classifier alone at other thresholds (score ≥ t; 0.7 is the default block point, strict = CLASSIFIER_INFO.thresholds.strict):",
    "",
  );
  table(
    lines,
    ["t", ...cats.map((c) => c.label.trim().replace(/ \(.*\)$/, ""))],
    points.map((t) => [
      t === CLASSIFIER_INFO.thresholds.strict ? `${t} (strict)` : String(t),
      ...cats.map((cat) => {
        const c = emptyCounts();
        for (const x of scored) if (cat.match(x.row)) tally(c, cat.positive, x.s >= t);
        return pct(cat.positive ? recall(c) : fpr(c));
      }),
    ]),
  );
}
