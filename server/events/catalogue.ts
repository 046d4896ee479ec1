import { z } from "zod";
import { RISK_LEVELS } from "@/db/schema";
import { CHANGES, type ChangeAction } from "../audit/changes";

/**
 * The catalogue of events: every type the outbox knows, its version and a zod schema for its
 * payload. Two families share one namespace:
 *
 * - **changes**: every audited action (server/audit/changes.ts) is also an event of the same name,
 *   written by `recordChange` in the same transaction. Its payload is `{ target, facts }` — the
 *   change's hashed facts only: personal data stays in the audit row, where an erasure can reach
 *   it, and never travels to webhooks or replays.
 * - **domain events** below: what happens without a person's decision and is not audited row by
 *   row (a run finishing, a guard finding, usage), written by `emitEvent`.
 *
 * Payloads carry ids and figures, never prompt or answer text: an event may leave the building
 * (webhooks) and is kept for replay.
 */

const uuid = z.uuid();
const severity = z.enum(["none", "low", "medium", "high", "critical"]);

export const DOMAIN_EVENTS = {
  "run.requested": {
    version: 1,
    schema: z.strictObject({
      runId: uuid,
      agentId: uuid,
      agentVersion: z.number().int().min(1),
      apiKeyId: uuid.nullable(),
      streamed: z.boolean(),
    }),
  },
  "run.completed": {
    version: 1,
    schema: z.strictObject({
      runId: uuid,
      agentId: uuid,
      apiKeyId: uuid.nullable(),
      /** `blocked`: the guard stopped the answer (the run still finished, and is billed). */
      status: z.enum(["completed", "blocked"]),
      riskLevel: z.enum(RISK_LEVELS),
      provider: z.string().nullable(),
      model: z.string().nullable(),
      latencyMs: z.number().int().min(0),
    }),
  },
  "run.failed": {
    version: 1,
    schema: z.strictObject({ runId: uuid, agentId: uuid.nullable(), apiKeyId: uuid.nullable(), code: z.string() }),
  },
  /** Every verdict that flagged, redacted or blocked: what the auto-response playbooks count. */
  "guard.threat_detected": {
    version: 1,
    schema: z.strictObject({
      incidentId: uuid,
      /** true when the finding joined an open incident rather than opening one. */
      joined: z.boolean(),
      runId: uuid.nullable(),
      agentId: uuid.nullable(),
      apiKeyId: uuid.nullable(),
      direction: z.enum(["input", "output"]),
      action: z.enum(["flag", "redact", "block"]),
      severity,
      detector: z.string(),
      findingType: z.string(),
      findings: z.number().int().min(1),
    }),
  },
  /** An open incident saw another occurrence (opening is the audited `incident.opened`). */
  "incident.updated": {
    version: 1,
    schema: z.strictObject({ incidentId: uuid, occurrence: z.literal(true), severity, runId: uuid.nullable() }),
  },
  /** A playbook acted on a threat (playbooks branch): what webhooks subscribe to for "notify admins". */
  "incident.auto_response": {
    version: 1,
    schema: z.strictObject({
      responseId: uuid,
      rule: z.enum(["notify_admins", "quarantine_agent", "suspend_api_key", "tighten_policy"]),
      incidentId: uuid,
      targetType: z.enum(["incident", "agent", "api_key"]),
      targetId: uuid,
      /** Matching events in the window when the rule fired, and the rule's threshold and window. */
      observed: z.number().int().min(1),
      threshold: z.number().int().min(1),
      windowMinutes: z.number().int().min(1),
      severity,
      reversible: z.boolean(),
    }),
  },
  /** What one run consumed: the metering record (tokens, calls, cost in micro-dollars). */
  "usage.recorded": {
    version: 1,
    schema: z.strictObject({
      runId: uuid,
      agentId: uuid,
      apiKeyId: uuid.nullable(),
      provider: z.string().nullable(),
      model: z.string().nullable(),
      inputTokens: z.number().int().min(0),
      outputTokens: z.number().int().min(0),
      modelCalls: z.number().int().min(0),
      toolCalls: z.number().int().min(0),
      costMicros: z.number().int().min(0),
    }),
  },
  /**
   * A soft warning: the tenant reached 80 % or 100 % of a quota this period (server/billing/quota-notices.ts).
   * Once per (metric, period, threshold). `resetsAt` is null for standing counts (agents, seats).
   */
  "quota.threshold_reached": {
    version: 1,
    schema: z.strictObject({
      metric: z.enum(["runs", "tokens", "agents", "seats"]),
      threshold: z.union([z.literal(80), z.literal(100)]),
      limit: z.number().int().min(0),
      used: z.number().int().min(0),
      periodStart: z.iso.datetime(),
      resetsAt: z.iso.datetime().nullable(),
    }),
  },
  // Workflows (server/workflows, inngest/functions/workflow-run.ts): what starts, steers and ends a run.
  "workflow.run_requested": {
    version: 1,
    schema: z.strictObject({ workflowRunId: uuid, workflowId: uuid, version: z.number().int().min(1), trigger: z.string() }),
  },
  "workflow.run_completed": { version: 1, schema: z.strictObject({ workflowRunId: uuid, workflowId: uuid }) },
  "workflow.run_failed": {
    version: 1,
    schema: z.strictObject({ workflowRunId: uuid, workflowId: uuid, code: z.string(), nodeId: z.string().nullable() }),
  },
  /** What `cancelOn` listens for (the audited change is `workflow_run.cancelled`). */
  "workflow.run_cancelled": { version: 1, schema: z.strictObject({ workflowRunId: uuid, workflowId: uuid }) },
  "workflow.approval_requested": {
    version: 1,
    schema: z.strictObject({ approvalId: uuid, workflowRunId: uuid, workflowId: uuid, nodeId: z.string(), expiresAt: z.iso.datetime() }),
  },
  /** What an approval node's `waitForEvent` listens for (the audited change is `approval.decided`). */
  "workflow.approval_decided": {
    version: 1,
    schema: z.strictObject({ approvalId: uuid, workflowRunId: uuid, decision: z.enum(["approved", "rejected"]) }),
  },
  /**
   * A verified Stripe webhook event recorded in `stripe_events` for this tenant, handed to the
   * `stripe-event` function (server/billing/stripe): ids only, the event itself stays platform-side.
   */
  "billing.stripe_event_received": {
    version: 1,
    schema: z.strictObject({ stripeEventId: z.string().min(1).max(255), type: z.string().min(1).max(100) }),
  },
} as const;

export type DomainEventType = keyof typeof DOMAIN_EVENTS;
export type EventType = DomainEventType | ChangeAction;

const target = z.strictObject({ type: z.string(), id: z.string() }).nullable();

/** The payload schema of a change event: its target and its (hashed) facts. */
function changeSchema(action: ChangeAction) {
  return z.strictObject({ target, facts: CHANGES[action].facts });
}

export type EventPayload<T extends EventType> = T extends DomainEventType
  ? z.input<(typeof DOMAIN_EVENTS)[T]["schema"]>
  : T extends ChangeAction
    ? { target: { type: string; id: string } | null; facts: z.input<(typeof CHANGES)[T]["facts"]> }
    : never;

export const EVENT_TYPES: readonly EventType[] = [
  ...(Object.keys(DOMAIN_EVENTS) as DomainEventType[]),
  ...(Object.keys(CHANGES) as ChangeAction[]),
];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(DOMAIN_EVENTS, type) || Object.hasOwn(CHANGES, type);
}

/** The version and payload schema of any catalogued type. */
export function eventSpec(type: EventType): { version: number; schema: z.ZodType<Record<string, unknown>> } {
  if (Object.hasOwn(DOMAIN_EVENTS, type)) {
    const spec = DOMAIN_EVENTS[type as DomainEventType];
    return { version: spec.version, schema: spec.schema as unknown as z.ZodType<Record<string, unknown>> };
  }
  return { version: 1, schema: changeSchema(type as ChangeAction) as unknown as z.ZodType<Record<string, unknown>> };
}

/** Checks a payload against its type's schema: a verb cannot emit what the catalogue does not describe. */
export function parseEventPayload(type: string, payload: unknown): { version: number; payload: Record<string, unknown> } {
  if (!isEventType(type)) throw new TypeError(`unknown event type ${type}`);
  const spec = eventSpec(type);
  return { version: spec.version, payload: spec.schema.parse(payload) };
}
