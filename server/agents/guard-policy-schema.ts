import { z } from "zod";

/**
 * The per-agent guard policy override, validated where agents are saved.
 *
 * INTEGRATOR: this mirrors `policyOverrideSchema` of server/guard (branch `guard`, CONTRACTS.md
 * "The guard"). Once server/guard is on main, replace this module's body with
 * `export { policyOverrideSchema } from "../guard"` (the shape is the same: a partial record of
 * detector → { action?, threshold? }, unknown detectors and fields refused).
 */
export const GUARD_DETECTORS = ["injection", "pii", "secrets", "harmful", "canary", "anomaly"] as const;
export const GUARD_ACTIONS = ["allow", "flag", "redact", "block"] as const;

export type GuardDetector = (typeof GUARD_DETECTORS)[number];
export type GuardPolicyAction = (typeof GUARD_ACTIONS)[number];
export type AgentPolicyOverride = Partial<Record<GuardDetector, { action?: GuardPolicyAction; threshold?: number }>>;

const detectorOverride = z.strictObject({ action: z.enum(GUARD_ACTIONS).optional(), threshold: z.number().min(0).max(1).optional() });

export const policyOverrideSchema = z.strictObject(
  Object.fromEntries(GUARD_DETECTORS.map((d) => [d, detectorOverride.optional()])) as Record<
    GuardDetector,
    z.ZodOptional<typeof detectorOverride>
  >,
);
