import type { Severity } from "../types";

/** Default mapping of a finding's score to a severity, for detectors without a fixed one. */
export function severityOf(score: number): Severity {
  if (score >= 0.95) return "critical";
  if (score >= 0.75) return "high";
  if (score >= 0.5) return "medium";
  return "low";
}
