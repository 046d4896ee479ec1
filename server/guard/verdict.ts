/**
 * From findings to a verdict: each finding triggers its detector's action once its score reaches
 * the detector's threshold; the verdict takes the strongest action, the highest severity among the
 * triggered findings as its risk level, and a trust score the user can take apart.
 *
 * Trust score = 100 × Π over detectors (1 − weight × component), where a detector's component is
 * its strongest finding's score scaled by severity (a low-severity IP address barely moves it, a
 * critical canary leak takes it to 0). PII and anomalies weigh less: they describe the data, not
 * an attack.
 */

import { ALWAYS_BLOCK_TYPES, FLAG_ONLY_REASONS } from "./detectors/harmful";
import { DEFAULT_POLICY } from "./policy";
import {
  ACTIONS,
  DETECTORS,
  SEVERITIES,
  type DetectorId,
  type Finding,
  type GuardAction,
  type GuardPolicy,
  type RiskLevel,
  type Verdict,
} from "./types";

const DETECTOR_WEIGHT: Record<DetectorId, number> = { injection: 1, secrets: 1, harmful: 1, canary: 1, pii: 0.6, anomaly: 0.5 };
const SEVERITY_WEIGHT: Record<Finding["severity"], number> = { low: 0.3, medium: 0.6, high: 0.9, critical: 1 };

const rank = (a: GuardAction) => ACTIONS.indexOf(a);

/** What this one finding asks for under the policy ("allow" when below its threshold). */
export function actionFor(f: Finding, policy: GuardPolicy): GuardAction {
  // sexual content involving minors is never allowed, whatever a tenant configured
  if (f.detector === "harmful" && ALWAYS_BLOCK_TYPES.has(f.type)) return "block";
  const p = policy[f.detector] ?? DEFAULT_POLICY[f.detector];
  if (f.score < p.threshold) return "allow";
  // advisory findings (the payload head alone, offensive wording) ask a reviewer, never refuse
  return p.action === "block" && f.detector === "harmful" && FLAG_ONLY_REASONS.has(f.reason) ? "flag" : p.action;
}

export function strongest(actions: Iterable<GuardAction>): GuardAction {
  let best: GuardAction = "allow";
  for (const a of actions) if (rank(a) > rank(best)) best = a;
  return best;
}

/** Masks the given spans ("[REDACTED:credit_card]"); overlapping spans merge under the first type. */
export function mask(text: string, spans: { start: number; end: number; type: string }[], offset = 0): string {
  const sorted = spans
    .map((s) => ({ start: Math.max(0, s.start - offset), end: Math.min(text.length, s.end - offset), type: s.type }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  for (const s of sorted) {
    if (s.end <= at) continue;
    const start = Math.max(s.start, at);
    if (start === s.start) out += text.slice(at, start) + `[REDACTED:${s.type}]`;
    at = s.end;
  }
  return out + text.slice(at);
}

export function assemble(text: string, raw: Finding[], policy: GuardPolicy, startedAt: number): Verdict {
  const findings = raw.sort((a, b) => a.start - b.start || b.score - a.score);
  const actions = findings.map((f) => actionFor(f, policy));

  const components = Object.fromEntries(DETECTORS.map((d) => [d, 0])) as Record<DetectorId, number>;
  let risk = -1;
  findings.forEach((f, i) => {
    components[f.detector] = Math.max(components[f.detector], round(f.score * SEVERITY_WEIGHT[f.severity]));
    if (f.score >= (policy[f.detector] ?? DEFAULT_POLICY[f.detector]).threshold || actions[i] === "block")
      risk = Math.max(risk, SEVERITIES.indexOf(f.severity));
  });
  const trust = DETECTORS.reduce((t, d) => t * (1 - DETECTOR_WEIGHT[d] * components[d]), 1);

  return {
    action: strongest(actions),
    findings,
    riskLevel: risk < 0 ? "none" : (SEVERITIES[risk] as RiskLevel),
    trustScore: Math.max(0, Math.min(100, Math.round(trust * 100))),
    components,
    redacted: mask(
      text,
      findings.filter((_, i) => actions[i] === "redact" || actions[i] === "block"),
    ),
    latencyMs: round(performance.now() - startedAt),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
