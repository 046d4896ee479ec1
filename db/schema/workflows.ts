import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

export const WORKFLOW_STATUSES = ["active", "archived"] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export const WORKFLOW_RUN_STATUSES = ["queued", "running", "waiting_approval", "completed", "failed", "cancelled"] as const;
export type WorkflowRunStatus = (typeof WORKFLOW_RUN_STATUSES)[number];

export const NODE_RUN_STATES = ["pending", "running", "waiting", "completed", "failed", "skipped", "cancelled"] as const;
export type NodeRunState = (typeof NODE_RUN_STATES)[number];

export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "expired"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/**
 * A workflow: its definition lives in `workflow_versions` (immutable, one per save). The inbound
 * webhook secret is sealed with server/crypto (HMAC verification needs the secret itself, so a
 * hash would not do); it is shown once when created or rotated.
 */
export const workflows = pgTable(
  "workflows",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    name: text().notNull(),
    description: text().notNull().default(""),
    status: text({ enum: WORKFLOW_STATUSES }).notNull().default("active"),
    currentVersion: integer().notNull().default(1),
    hookCiphertext: text().notNull(),
    hookWrappedKey: text().notNull(),
    hookKekId: text().notNull(),
    createdBy: uuid(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("workflows_tenant_id_key").on(t.tenantId, t.id),
    index("workflows_tenant_created_idx").on(t.tenantId, t.createdAt),
    check("workflows_status_check", sql`${t.status} in (${inList(WORKFLOW_STATUSES)})`),
    ...tenantIsolationPolicies("workflows"),
  ],
);

export const workflowVersions = pgTable(
  "workflow_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    workflowId: uuid().notNull(),
    version: integer().notNull(),
    definition: jsonb().$type<Record<string, unknown>>().notNull(),
    createdBy: uuid(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("workflow_versions_tenant_workflow_version_key").on(t.tenantId, t.workflowId, t.version),
    unique("workflow_versions_tenant_id_key").on(t.tenantId, t.id),
    foreignKey({
      name: "workflow_versions_workflow_fk",
      columns: [t.tenantId, t.workflowId],
      foreignColumns: [workflows.tenantId, workflows.id],
    }),
    ...tenantIsolationPolicies("workflow_versions"),
  ],
);

export const workflowRuns = pgTable(
  "workflow_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    workflowId: uuid().notNull(),
    version: integer().notNull(),
    status: text({ enum: WORKFLOW_RUN_STATUSES }).notNull().default("queued"),
    input: jsonb().$type<Record<string, unknown>>().notNull(),
    output: jsonb().$type<Record<string, unknown>>(),
    error: jsonb().$type<{ code: string; message: string; nodeId?: string }>(),
    /** Who started it: `user`, `api_key`, `webhook` or `system`, and their id. */
    trigger: text().notNull(),
    actorId: text(),
    /** Scopes an Idempotency-Key to its caller, like agent runs. */
    idempotencyKey: text(),
    correlationId: text().notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
    startedAt: timestamptz(),
    completedAt: timestamptz(),
  },
  (t) => [
    unique("workflow_runs_tenant_id_key").on(t.tenantId, t.id),
    unique("workflow_runs_idempotency_key").on(t.tenantId, t.workflowId, t.actorId, t.idempotencyKey),
    index("workflow_runs_tenant_workflow_created_idx").on(t.tenantId, t.workflowId, t.createdAt),
    foreignKey({
      name: "workflow_runs_workflow_fk",
      columns: [t.tenantId, t.workflowId],
      foreignColumns: [workflows.tenantId, workflows.id],
    }),
    foreignKey({
      name: "workflow_runs_version_fk",
      columns: [t.tenantId, t.workflowId, t.version],
      foreignColumns: [workflowVersions.tenantId, workflowVersions.workflowId, workflowVersions.version],
    }),
    check("workflow_runs_status_check", sql`${t.status} in (${inList(WORKFLOW_RUN_STATUSES)})`),
    ...tenantIsolationPolicies("workflow_runs"),
  ],
);

export const workflowNodeRuns = pgTable(
  "workflow_node_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    workflowRunId: uuid().notNull(),
    nodeId: text().notNull(),
    kind: text().notNull(),
    state: text({ enum: NODE_RUN_STATES }).notNull().default("pending"),
    output: jsonb().$type<Record<string, unknown>>(),
    error: jsonb().$type<{ code: string; message: string }>(),
    attempts: integer().notNull().default(0),
    /** The agent run an agent node started (not a reference: runs are purged on their own schedule). */
    agentRunId: uuid(),
    startedAt: timestamptz(),
    completedAt: timestamptz(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("workflow_node_runs_tenant_id_key").on(t.tenantId, t.id),
    unique("workflow_node_runs_run_node_key").on(t.tenantId, t.workflowRunId, t.nodeId),
    foreignKey({
      name: "workflow_node_runs_run_fk",
      columns: [t.tenantId, t.workflowRunId],
      foreignColumns: [workflowRuns.tenantId, workflowRuns.id],
    }).onDelete("cascade"),
    check("workflow_node_runs_state_check", sql`${t.state} in (${inList(NODE_RUN_STATES)})`),
    ...tenantIsolationPolicies("workflow_node_runs"),
  ],
);

export const workflowApprovals = pgTable(
  "workflow_approvals",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    workflowId: uuid().notNull(),
    workflowRunId: uuid().notNull(),
    nodeId: text().notNull(),
    prompt: text().notNull(),
    status: text({ enum: APPROVAL_STATUSES }).notNull().default("pending"),
    decidedBy: uuid(),
    comment: text(),
    expiresAt: timestamptz().notNull(),
    decidedAt: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("workflow_approvals_tenant_id_key").on(t.tenantId, t.id),
    unique("workflow_approvals_run_node_key").on(t.tenantId, t.workflowRunId, t.nodeId),
    index("workflow_approvals_tenant_status_idx").on(t.tenantId, t.status, t.createdAt),
    foreignKey({
      name: "workflow_approvals_run_fk",
      columns: [t.tenantId, t.workflowRunId],
      foreignColumns: [workflowRuns.tenantId, workflowRuns.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "workflow_approvals_workflow_fk",
      columns: [t.tenantId, t.workflowId],
      foreignColumns: [workflows.tenantId, workflows.id],
    }),
    check("workflow_approvals_status_check", sql`${t.status} in (${inList(APPROVAL_STATUSES)})`),
    ...tenantIsolationPolicies("workflow_approvals"),
  ],
);

export type Workflow = typeof workflows.$inferSelect;
export type WorkflowVersion = typeof workflowVersions.$inferSelect;
export type WorkflowRun = typeof workflowRuns.$inferSelect;
export type WorkflowNodeRun = typeof workflowNodeRuns.$inferSelect;
export type WorkflowApproval = typeof workflowApprovals.$inferSelect;
