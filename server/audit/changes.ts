import { z } from "zod";
import { AGENT_STATUSES, ROLES } from "@/db/schema";

/**
 * The catalogue of changes: every action the audit log (and, later, the outbox) knows, what it
 * targets, and a zod schema for each half of its payload.
 *
 * - `facts` are hashed into the chain: ids, roles, scopes, key prefixes, counts, dates — what
 *   the system decided, nothing that names a person.
 * - `personal` is kept beside the row, outside the hash: e-mail addresses, and any free text a
 *   person typed (organisation and key names). An erasure may blank it; the chain still verifies.
 *
 * A verb cannot record an action that is not here, nor a payload that does not fit its schema.
 */

const role = z.enum(ROLES);
const fromTo = <T extends z.ZodType>(schema: T) => z.strictObject({ from: schema, to: schema });
const email = z.strictObject({ email: z.string() });

type TargetType =
  | "tenant"
  | "user"
  | "invitation"
  | "api_key"
  | "provider_credential"
  | "agent"
  | "knowledge_collection"
  | "knowledge_document"
  | "http_allowed_host"
  | "incident"
  | "guard_policy"
  | "dead_letter"
  | "workflow"
  | "workflow_run"
  | "workflow_approval"
  | "webhook_endpoint"
  | "playbook"
  | "response_action";

function change<T extends TargetType | null, F extends z.ZodType, P extends z.ZodType | undefined = undefined>(
  target: T,
  facts: F,
  personal?: P,
) {
  return { target, facts, personal: personal as P };
}

export const CHANGES = {
  "tenant.created": change("tenant", z.strictObject({ slug: z.string() }), z.strictObject({ name: z.string() })),
  "tenant.updated": change(
    "tenant",
    z.strictObject({ fields: z.array(z.enum(["name"])).min(1) }),
    z.strictObject({ name: fromTo(z.string()) }),
  ),
  "tenant.deleted": change("tenant", z.strictObject({ slug: z.string() })),
  "member.invited": change("invitation", z.strictObject({ role }), email),
  "invitation.revoked": change(
    "invitation",
    // `replaced`: the same address was invited again; `replacedBy` is the new invitation.
    z.strictObject({ reason: z.enum(["revoked", "replaced"]), replacedBy: z.uuid().optional() }),
    email,
  ),
  "invitation.accepted": change("invitation", z.strictObject({ role, userId: z.uuid() }), email),
  "member.role_changed": change("user", z.strictObject({ role: fromTo(role) }), email),
  "member.removed": change("user", z.strictObject({ role, apiKeysRevoked: z.number().int().min(0) }), email),
  "member.left": change("user", z.strictObject({ role, apiKeysRevoked: z.number().int().min(0) }), email),
  "apikey.created": change(
    "api_key",
    z.strictObject({ prefix: z.string(), scopes: z.array(z.string()), expiresAt: z.iso.datetime().nullable() }),
    z.strictObject({ name: z.string() }),
  ),
  "apikey.revoked": change("api_key", z.strictObject({ prefix: z.string() }), z.strictObject({ name: z.string() })),
  // Null: no budget of that kind. Cost in micro-dollars.
  "apikey.budget_set": change(
    "api_key",
    z.strictObject({
      prefix: z.string(),
      runs: z.number().int().nullable(),
      tokens: z.number().int().nullable(),
      costMicros: z.number().int().nullable(),
      period: z.enum(["day", "month"]),
    }),
    z.strictObject({ name: z.string() }),
  ),
  // Never the key, nor its last characters: which vendor, which server, which KEK sealed it.
  "provider_credential.created": change(
    "provider_credential",
    z.strictObject({ provider: z.enum(["openai", "anthropic"]), baseUrl: z.string().nullable(), kekId: z.string() }),
    z.strictObject({ name: z.string() }),
  ),
  "provider_credential.revoked": change(
    "provider_credential",
    z.strictObject({ provider: z.enum(["openai", "anthropic"]) }),
    z.strictObject({ name: z.string() }),
  ),
  "agent.created": change(
    "agent",
    z.strictObject({ version: z.number().int().min(1), template: z.string().nullable(), provider: z.string(), model: z.string() }),
    z.strictObject({ name: z.string() }),
  ),
  // `fields`: which parts of the configuration the new version changed (values live in agent_versions).
  "agent.updated": change(
    "agent",
    z.strictObject({ fromVersion: z.number().int().min(1), toVersion: z.number().int().min(2), fields: z.array(z.string()).min(1) }),
    z.strictObject({ name: z.string() }),
  ),
  "agent.status_changed": change(
    "agent",
    z.strictObject({ status: fromTo(z.enum(AGENT_STATUSES)) }),
    z.strictObject({ name: z.string(), reason: z.string().nullable() }),
  ),
  "agent.archived": change("agent", z.strictObject({ status: z.enum(AGENT_STATUSES) }), z.strictObject({ name: z.string() })),
  "knowledge.collection_created": change("knowledge_collection", z.strictObject({}), z.strictObject({ name: z.string() })),
  "knowledge.collection_renamed": change(
    "knowledge_collection",
    z.strictObject({ fields: z.array(z.enum(["name", "description"])).min(1) }),
    z.strictObject({ name: fromTo(z.string()) }),
  ),
  "knowledge.collection_deleted": change(
    "knowledge_collection",
    z.strictObject({ documents: z.number().int().min(0), chunks: z.number().int().min(0) }),
    z.strictObject({ name: z.string() }),
  ),
  "knowledge.document_added": change(
    "knowledge_document",
    z.strictObject({
      collectionId: z.uuid(),
      source: z.enum(["paste", "upload"]),
      mimeType: z.string(),
      bytes: z.number().int().min(0),
      chunks: z.number().int().min(0),
    }),
    z.strictObject({ title: z.string() }),
  ),
  "knowledge.document_deleted": change(
    "knowledge_document",
    z.strictObject({ collectionId: z.uuid(), chunks: z.number().int().min(0) }),
    z.strictObject({ title: z.string() }),
  ),
  // A host name is configuration, not a person: it is hashed with the facts.
  "tool.host_allowed": change("http_allowed_host", z.strictObject({ host: z.string() })),
  "tool.host_removed": change("http_allowed_host", z.strictObject({ host: z.string() })),
  // Incidents: opening and people's decisions are audited; further occurrences live only in the
  // incident's own activity (an attack wave would otherwise flood the chain).
  "incident.opened": change(
    "incident",
    z.strictObject({
      detector: z.string(),
      findingType: z.string(),
      severity: z.enum(["low", "medium", "high", "critical"]),
      action: z.string(),
      direction: z.enum(["input", "output"]),
      agentId: z.uuid().nullable(),
      apiKeyId: z.uuid().nullable(),
      runId: z.uuid().nullable(),
    }),
  ),
  "incident.status_changed": change(
    "incident",
    z.strictObject({
      status: fromTo(z.enum(["open", "acknowledged", "resolved", "false_positive"])),
      commented: z.boolean(),
      feedbackId: z.uuid().optional(),
    }),
    z.strictObject({ comment: z.string().nullable() }),
  ),
  "incident.commented": change(
    "incident",
    z.strictObject({ activityId: z.uuid(), length: z.number().int().min(1) }),
    z.strictObject({ body: z.string() }),
  ),
  "guard.policy_updated": change(
    "guard_policy",
    z.strictObject({ before: z.record(z.string(), z.unknown()).nullable(), after: z.record(z.string(), z.unknown()) }),
  ),
  // Events (explorer): a replay names its range, types and how many it copied; the copies share `correlationId`.
  "event.replayed": change(
    null,
    z.strictObject({
      from: z.iso.datetime(),
      to: z.iso.datetime(),
      types: z.array(z.string()),
      count: z.number().int().min(1),
      correlationId: z.string(),
    }),
  ),
  "dead_letter.retried": change(
    "dead_letter",
    z.strictObject({ functionId: z.string(), eventId: z.string().nullable(), eventName: z.string(), replayEventId: z.string() }),
  ),
  "dead_letter.discarded": change(
    "dead_letter",
    z.strictObject({ functionId: z.string(), eventId: z.string().nullable(), eventName: z.string() }),
  ),
  // Workflows (server/workflows): definitions are versioned like agents; a run's start is its own
  // record (workflow_runs), a person stopping one or deciding an approval is audited.
  "workflow.created": change(
    "workflow",
    z.strictObject({ version: z.literal(1), nodes: z.number().int().min(1), template: z.string().nullable() }),
    z.strictObject({ name: z.string() }),
  ),
  "workflow.updated": change(
    "workflow",
    z.strictObject({ fromVersion: z.number().int().min(1), toVersion: z.number().int().min(1), fields: z.array(z.string()).min(1) }),
    z.strictObject({ name: z.string() }),
  ),
  "workflow.deleted": change("workflow", z.strictObject({ version: z.number().int().min(1) }), z.strictObject({ name: z.string() })),
  "workflow.hook_secret_rotated": change("workflow", z.strictObject({})),
  "workflow_run.cancelled": change(
    "workflow_run",
    z.strictObject({ workflowId: z.uuid(), from: z.enum(["queued", "running", "waiting_approval"]) }),
  ),
  "approval.decided": change(
    "workflow_approval",
    z.strictObject({ workflowId: z.uuid(), workflowRunId: z.uuid(), nodeId: z.string(), decision: z.enum(["approved", "rejected"]) }),
    z.strictObject({ comment: z.string().nullable() }),
  ),
  // The scheduled retention purge (inngest/functions/retention-purge.ts): what it deleted for this
  // tenant under its plan's retention, by kind. `complete: false` when a backlog needs more rounds.
  "retention.purged": change(
    null,
    z.strictObject({
      retentionDays: z.number().int().min(1),
      cutoff: z.iso.datetime(),
      deleted: z.record(z.string(), z.number().int().min(0)),
      complete: z.boolean(),
    }),
  ),
  // Webhooks: the URL's host only (a path or query may carry the receiver's token); the secret never.
  "webhook.endpoint_created": change(
    "webhook_endpoint",
    z.strictObject({ host: z.string(), eventTypes: z.array(z.string()), filters: z.number().int().min(0) }),
    z.strictObject({ description: z.string() }),
  ),
  "webhook.endpoint_updated": change(
    "webhook_endpoint",
    z.strictObject({ host: z.string(), fields: z.array(z.enum(["url", "description", "eventTypes", "filters"])).min(1) }),
    z.strictObject({ description: z.string() }),
  ),
  "webhook.endpoint_deleted": change("webhook_endpoint", z.strictObject({ host: z.string(), deliveries: z.number().int().min(0) })),
  "webhook.secret_rotated": change("webhook_endpoint", z.strictObject({ kekId: z.string() })),
  "webhook.endpoint_disabled": change(
    "webhook_endpoint",
    z.strictObject({
      reason: z.enum(["failures", "admin"]),
      failureStreak: z.number().int().min(0),
      failingSince: z.iso.datetime().nullable(),
    }),
  ),
  "webhook.endpoint_enabled": change("webhook_endpoint", z.strictObject({ failureStreak: z.number().int().min(0) })),
  "webhook.test_sent": change("webhook_endpoint", z.strictObject({ deliveryId: z.uuid() })),
  "webhook.delivery_resent": change(
    "webhook_endpoint",
    z.strictObject({ deliveryId: z.uuid(), resendOf: z.uuid(), eventId: z.string(), eventType: z.string() }),
  ),
  // Incident response (playbooks): suspension is reversible, unlike revocation.
  "apikey.suspended": change(
    "api_key",
    z.strictObject({ prefix: z.string(), responseId: z.uuid().nullable(), incidentId: z.uuid().nullable() }),
    z.strictObject({ name: z.string() }),
  ),
  "apikey.reinstated": change(
    "api_key",
    z.strictObject({ prefix: z.string(), responseId: z.uuid().nullable() }),
    z.strictObject({ name: z.string() }),
  ),
  "playbook.updated": change(
    "playbook",
    z.strictObject({ before: z.record(z.string(), z.unknown()).nullable(), after: z.record(z.string(), z.unknown()) }),
  ),
  "guard.policy_tightened": change(
    "agent",
    z.strictObject({
      detector: z.string(),
      from: z.record(z.string(), z.unknown()).nullable(),
      to: z.record(z.string(), z.unknown()),
      toVersion: z.number().int().min(1),
      responseId: z.uuid(),
    }),
  ),
  "response.undone": change(
    "response_action",
    z.strictObject({ rule: z.string(), targetType: z.string(), targetId: z.uuid(), incidentId: z.uuid() }),
  ),
  // Stripe billing (server/billing/stripe): the tenant's own log says when its plan changed and why.
  "billing.checkout_started": change("tenant", z.strictObject({ planId: z.string(), checkoutSessionId: z.string() })),
  "billing.subscription_changed": change(
    "tenant",
    z.strictObject({
      fromPlanId: z.string(),
      toPlanId: z.string(),
      status: z.string(),
      stripeSubscriptionId: z.string().nullable(),
      stripeEventId: z.string(),
    }),
  ),
  "billing.payment_failed": change(
    "tenant",
    z.strictObject({ stripeInvoiceId: z.string(), graceUntil: z.iso.datetime(), stripeEventId: z.string() }),
  ),
  "billing.downgraded": change(
    "tenant",
    z.strictObject({ fromPlanId: z.string(), toPlanId: z.string(), reason: z.enum(["grace_expired"]) }),
  ),
  // Platform console (server/platform): an operator's actions in a tenant. The typed reason is
  // free text a person wrote, so it is personal (outside the hash); the operator is the actor.
  "tenant.suspended": change("tenant", z.strictObject({ from: z.enum(["active"]) }), z.strictObject({ reason: z.string() })),
  "tenant.reactivated": change("tenant", z.strictObject({ from: z.enum(["suspended"]) }), z.strictObject({ reason: z.string() })),
  "tenant.limits_overridden": change(
    "tenant",
    z.strictObject({
      before: z.record(z.string(), z.number().nullable()),
      after: z.record(z.string(), z.number().nullable()),
      fields: z.array(z.string()),
    }),
    z.strictObject({ reason: z.string() }),
  ),
  "billing.plan_assigned": change("tenant", z.strictObject({ plan: fromTo(z.string()) }), z.strictObject({ reason: z.string() })),
  "impersonation.started": change(
    "tenant",
    z.strictObject({ impersonationId: z.uuid(), expiresAt: z.iso.datetime(), readOnly: z.literal(true) }),
    z.strictObject({ reason: z.string() }),
  ),
  "impersonation.ended": change(
    "tenant",
    // `expired`: nobody ended it; its 15 minutes ran out (server/platform/expire-impersonations.ts).
    z.strictObject({
      impersonationId: z.uuid(),
      startedAt: z.iso.datetime(),
      endedAt: z.iso.datetime(),
      expired: z.literal(true).optional(),
    }),
  ),
  "audit.verified": change(
    null,
    z.strictObject({ ok: z.boolean(), checked: z.number().int().min(0), firstBrokenSeq: z.number().int().nullable() }),
  ),
} as const;

export type ChangeAction = keyof typeof CHANGES;
export const CHANGE_ACTIONS = Object.keys(CHANGES) as ChangeAction[];

type Entry<A extends ChangeAction> = (typeof CHANGES)[A];
type PersonalOf<A extends ChangeAction> = Entry<A>["personal"] extends z.ZodType
  ? { personal: z.input<Entry<A>["personal"]> }
  : { personal?: never };
type TargetOf<A extends ChangeAction> = Entry<A>["target"] extends null ? { targetId?: never } : { targetId: string };

/** What a verb hands `recordChange` for action `A`: typed from the catalogue. */
export type ChangeInput<A extends ChangeAction> = { facts: z.input<Entry<A>["facts"]> } & PersonalOf<A> & TargetOf<A>;

/** The payload checked against the catalogue (at run time too: a wrong payload is refused). */
export function parseChange(action: ChangeAction, input: { facts: unknown; personal?: unknown; targetId?: string }) {
  const entry = CHANGES[action] as { target: string | null; facts: z.ZodType; personal: z.ZodType | undefined };
  if (!entry) throw new TypeError(`unknown change ${String(action)}`);
  const facts = entry.facts.parse(input.facts) as Record<string, unknown>;
  const personal = entry.personal ? (entry.personal.parse(input.personal) as Record<string, unknown>) : null;
  if (!entry.personal && input.personal !== undefined) throw new TypeError(`${action} carries no personal data`);
  if (entry.target && !input.targetId) throw new TypeError(`${action} needs a target id`);
  return { target: entry.target && input.targetId ? { type: entry.target, id: input.targetId } : null, facts, personal };
}
