import type { RiskLevel, Verdict } from "@/server/guard";
import type { GuardSummary } from "./dto";

const RISK_ORDER: RiskLevel[] = ["none", "low", "medium", "high", "critical"];

/** A verdict as stored and shown: spans and scores, not `redacted` (the text lives on the run, once). */
export function summariseVerdict(verdict: Verdict): GuardSummary {
  return {
    action: verdict.action,
    riskLevel: verdict.riskLevel,
    trustScore: verdict.trustScore,
    components: { ...verdict.components },
    findings: verdict.findings.map((f) => ({
      detector: f.detector,
      type: f.type,
      start: f.start,
      end: f.end,
      score: Math.round(f.score * 1000) / 1000,
      severity: f.severity,
      reason: f.reason,
    })),
    latencyMs: Math.round(verdict.latencyMs * 1000) / 1000,
  };
}

/** The run's risk: the worse of its two sides. */
export function worstRisk(...levels: (RiskLevel | undefined)[]): RiskLevel {
  return levels.reduce<RiskLevel>(
    (worst, level) => (level && RISK_ORDER.indexOf(level) > RISK_ORDER.indexOf(worst) ? level : worst),
    "none",
  );
}

/** The run's trust score: the lower of its two sides. */
export function lowestTrust(...scores: (number | undefined)[]): number | null {
  const known = scores.filter((s): s is number => typeof s === "number");
  return known.length ? Math.round(Math.min(...known)) : null;
}

/** A step's status from the guard's action. */
export function guardStepStatus(action: Verdict["action"]): "ok" | "flagged" | "redacted" | "blocked" {
  return action === "allow" ? "ok" : action === "flag" ? "flagged" : action === "redact" ? "redacted" : "blocked";
}
