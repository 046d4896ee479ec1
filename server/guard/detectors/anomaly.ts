/**
 * Output anomaly against the agent's own baseline (baseline.ts): an answer much longer or shorter
 * than usual, in another script, suddenly full of links or code, or a refusal from an agent that
 * never refuses. These are hunches that something upstream changed (a poisoned document, an
 * injected tool result, a swapped model), so they score low/medium and the default policy only
 * flags them. Nothing is said until the baseline has seen MIN_HISTORY answers.
 */

import { featuresOf } from "../baseline";
import type { Finding, OutputBaseline } from "../types";

const MIN_HISTORY = 5;
// log-length spread below this is noise from a handful of similar answers, not a real distribution
const MIN_SD = 0.25;

export function detectAnomaly(text: string, baseline: OutputBaseline | null | undefined): Finding[] {
  if (!baseline || baseline.version !== 1 || baseline.count < MIN_HISTORY || text.trim().length === 0) return [];
  const f = featuresOf(text);
  const out: Finding[] = [];
  const whole = { start: 0, end: text.length };
  const push = (type: string, score: number) =>
    out.push({ detector: "anomaly", type, ...whole, score, severity: score >= 0.55 ? "medium" : "low", reason: type });

  const sd = Math.max(MIN_SD, Math.sqrt(Math.max(0, baseline.logLengthVar)));
  const z = Math.abs(f.logLength - baseline.logLengthMean) / sd;
  if (z >= 3) push("length_outlier", Math.min(0.65, 0.35 + 0.05 * z));

  if (f.letters >= 20 && Math.abs(f.hanRatio - baseline.hanRatio) >= 0.6) push("language_switch", 0.55);
  if (f.urls >= 2 && f.urlDensity > 3 * baseline.urlDensity + 2) push("url_burst", 0.55);
  if (f.codeDensity >= 0.3 && baseline.codeDensity < 0.05) push("code_burst", 0.5);
  if (f.refusal && baseline.refusalRate < 0.05) push("refusal_shift", 0.45);
  return out;
}
