import { z } from "zod";
import { ACTIONS, DETECTORS, type DetectorId, type DetectorPolicy, type GuardAction, type GuardPolicy, type PolicyOverride } from "./types";

/**
 * Policy = for each detector, what to do with a finding (allow | flag | redact | block) once its
 * score reaches the threshold. Stored per tenant and per agent as partial overrides; the
 * effective policy is agent over tenant over DEFAULT_POLICY, detector by detector and field by
 * field, so a tenant that only lowers the PII threshold keeps the default PII action.
 */

export const DEFAULT_POLICY: GuardPolicy = Object.freeze({
  // Injection rules score 0.9+ on the known families; 0.7 leaves room for weaker single cues.
  injection: Object.freeze({ action: "block", threshold: 0.7 }),
  secrets: Object.freeze({ action: "block", threshold: 0.5 }),
  // A leaked card or ID is masked, not fatal: the rest of the answer is still useful.
  pii: Object.freeze({ action: "redact", threshold: 0.5 }),
  // Round 7: the payload head alone and offensive wording are advisory: "block" flags them (verdict.ts).
  harmful: Object.freeze({ action: "block", threshold: 0.7 }),
  canary: Object.freeze({ action: "block", threshold: 0.5 }),
  // Anomalies are statistical hunches against the agent's own history: flag, never block by default.
  anomaly: Object.freeze({ action: "flag", threshold: 0.5 }),
}) as GuardPolicy;

// Messages are keys of messages/<locale>/validation.json (server/i18n/validation-message.ts).
export const guardActionSchema = z.enum(ACTIONS as [GuardAction, ...GuardAction[]], "guardAction");
export const guardThresholdSchema = z.number("guardThreshold").min(0, "guardThreshold").max(1, "guardThreshold");

export const detectorPolicySchema = z.strictObject({ action: guardActionSchema, threshold: guardThresholdSchema });
export const detectorOverrideSchema = z.strictObject({ action: guardActionSchema.optional(), threshold: guardThresholdSchema.optional() });

const perDetector = <T extends z.ZodType>(schema: T) => Object.fromEntries(DETECTORS.map((d) => [d, schema])) as Record<DetectorId, T>;

export const guardPolicySchema = z.strictObject(perDetector(detectorPolicySchema));
export const policyOverrideSchema = z.strictObject(perDetector(detectorOverrideSchema.optional()));

export function resolvePolicy(tenant?: PolicyOverride | null, agent?: PolicyOverride | null): GuardPolicy {
  const resolved = {} as GuardPolicy;
  for (const detector of DETECTORS) {
    const merged: DetectorPolicy = { ...DEFAULT_POLICY[detector] };
    for (const layer of [tenant, agent]) {
      const o = layer?.[detector];
      if (!o) continue;
      if (o.action !== undefined && (ACTIONS as string[]).includes(o.action)) merged.action = o.action;
      if (typeof o.threshold === "number" && Number.isFinite(o.threshold)) merged.threshold = Math.min(1, Math.max(0, o.threshold));
    }
    resolved[detector] = merged;
  }
  return resolved;
}
