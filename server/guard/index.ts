/**
 * The trust-and-safety guard (DESIGN.md "The guard", CONTRACTS.md): pure, synchronous, no I/O.
 * Callers: runs (input before the model, streamed output before the client), the guard scan
 * endpoint, the policy editor (schemas), incidents (verdict shape).
 */

export type {
  DetectorId,
  DetectorPolicy,
  Direction,
  Finding,
  GuardAction,
  GuardPolicy,
  OutputBaseline,
  PolicyOverride,
  RiskLevel,
  ScanContext,
  Verdict,
} from "./types";
export { ACTIONS, DETECTORS } from "./types";
export { DEFAULT_POLICY, detectorPolicySchema, guardPolicySchema, policyOverrideSchema, resolvePolicy } from "./policy";
export { scan } from "./scan";
export { createStreamGuard, type StreamStep } from "./stream";
export { updateBaseline } from "./baseline";
export { CLASSIFIER_INFO } from "./classifier";
export { GUARD_REASONS, GUARD_TYPES, type GuardReason, type GuardType } from "./vocabulary";
