/**
 * The guard's vocabulary (CONTRACTS.md "The guard"). Kept in one file so every detector, the
 * verdict assembly and the callers (runs, incidents, the scan endpoint) agree on one shape.
 */

export type Direction = "input" | "output";
export type DetectorId = "injection" | "pii" | "secrets" | "harmful" | "canary" | "anomaly";
export type GuardAction = "allow" | "flag" | "redact" | "block";
export type RiskLevel = "none" | "low" | "medium" | "high" | "critical";
export type Severity = Exclude<RiskLevel, "none">;

/** threshold in 0..1 on finding.score: findings scoring below it do not trigger the action. */
export type DetectorPolicy = { action: GuardAction; threshold: number };
export type GuardPolicy = Record<DetectorId, DetectorPolicy>;
export type PolicyOverride = Partial<Record<DetectorId, Partial<DetectorPolicy>>>;

export type Finding = {
  detector: DetectorId;
  /** e.g. "dan_template", "credit_card", "aws_access_key", "canary" — a key of messages/<locale>/guard.json "types". */
  type: string;
  /** UTF-16 offsets into the ORIGINAL text (never the normalised one). */
  start: number;
  end: number;
  score: number;
  severity: Severity;
  /** short English explanation code — a key of messages/<locale>/guard.json "reasons". */
  reason: string;
};

export type Verdict = {
  action: GuardAction;
  findings: Finding[];
  riskLevel: RiskLevel;
  trustScore: number;
  components: Record<DetectorId, number>;
  redacted: string;
  latencyMs: number;
};

/**
 * What the guard remembers of an agent's ordinary answers, so that an answer unlike them
 * (the "model poisoning" signal) can be flagged. Plain JSON: the caller stores it with the agent.
 */
export type OutputBaseline = {
  version: 1;
  /** answers folded in so far (capped weight: see baseline.ts) */
  count: number;
  /** mean and variance of log(1 + length) — answers' lengths are roughly log-normal */
  logLengthMean: number;
  logLengthVar: number;
  /** share of Han characters among letters, 0..1 */
  hanRatio: number;
  /** URLs per 1,000 characters */
  urlDensity: number;
  /** share of characters inside code (fenced blocks or code-looking lines), 0..1 */
  codeDensity: number;
  /** share of answers that were refusals */
  refusalRate: number;
};

export type ScanContext = { canaries?: string[]; baseline?: OutputBaseline | null };

export type ScanOptions = { direction: Direction; policy: GuardPolicy; context?: ScanContext };

export const DETECTORS: readonly DetectorId[] = ["injection", "pii", "secrets", "harmful", "canary", "anomaly"];
export const ACTIONS: readonly GuardAction[] = ["allow", "flag", "redact", "block"];
export const SEVERITIES: readonly Severity[] = ["low", "medium", "high", "critical"];
