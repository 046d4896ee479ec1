/**
 * The per-agent guard policy override is the guard's own `PolicyOverride`, validated by the
 * guard's schema (its messages are keys of validation.json): one definition for the tenant policy
 * editor, the scan endpoint and agents.
 */
export { ACTIONS as GUARD_ACTIONS, DETECTORS as GUARD_DETECTORS, policyOverrideSchema } from "../guard";
export type { PolicyOverride as AgentPolicyOverride } from "../guard";
