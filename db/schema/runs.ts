import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { ACTOR_TYPES } from "./audit";
import { tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

/**
 * `running` until the engine finishes; `completed` only when the guard saw every byte of the
 * output; `blocked` when the guard stopped it (input or output); `failed` on any error —
 * including a process that died mid-run (a sweeper marks stale `running` rows failed).
 */
export const RUN_STATUSES = ["running", "completed", "blocked", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RISK_LEVELS = ["none", "low", "medium", "high", "critical"] as const;
export type RiskLevelValue = (typeof RISK_LEVELS)[number];

export const runs = pgTable(
  "runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    agentId: uuid().notNull(),
    agentVersion: integer().notNull(),
    /** Groups the turns of one playground chat; the engine replays earlier turns as context. */
    conversationId: uuid(),
    status: text({ enum: RUN_STATUSES }).notNull().default("running"),
    input: text().notNull(),
    output: text(),
    /** `{ code, message }` when failed or blocked: what the caller was told. */
    error: jsonb().$type<{ code: string; message: string }>(),
    riskLevel: text({ enum: RISK_LEVELS }).notNull().default("none"),
    trustScore: integer(),
    /** The guard's verdicts (summaries: action, risk, findings without raw text). */
    guard: jsonb().$type<{ input?: unknown; output?: unknown }>(),
    provider: text(),
    model: text(),
    inputTokens: integer().notNull().default(0),
    outputTokens: integer().notNull().default(0),
    costMicros: bigint({ mode: "number" }).notNull().default(0),
    latencyMs: integer(),
    streamed: boolean().notNull().default(false),
    actorType: text({ enum: ACTOR_TYPES }).notNull(),
    /** The user id, API key id, job or operator that started it. */
    actorId: text(),
    apiKeyId: uuid(),
    userId: uuid(),
    /** `Idempotency-Key` of the create request, scoped to the actor; `request_hash` tells a retry from a conflict. */
    idempotencyKey: text(),
    requestHash: text(),
    createdAt: timestamptz().notNull().defaultNow(),
    completedAt: timestamptz(),
  },
  (t) => [
    unique("runs_tenant_id_key").on(t.tenantId, t.id),
    index("runs_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("runs_tenant_agent_created_idx").on(t.tenantId, t.agentId, t.createdAt),
    index("runs_tenant_conversation_idx")
      .on(t.tenantId, t.conversationId, t.createdAt)
      .where(sql`conversation_id is not null`),
    index("runs_running_idx")
      .on(t.createdAt)
      .where(sql`status = 'running'`),
    uniqueIndex("runs_idempotency_key")
      .on(t.tenantId, t.actorId, t.idempotencyKey)
      .where(sql`idempotency_key is not null`),
    check("runs_status_check", sql`${t.status} in ('running', 'completed', 'blocked', 'failed')`),
    foreignKey({ name: "runs_agent_fk", columns: [t.tenantId, t.agentId], foreignColumns: [agents.tenantId, agents.id] }),
    ...tenantIsolationPolicies("runs"),
  ],
);

export const RUN_STEP_KINDS = ["input_guard", "model_call", "tool_call", "fallback", "output_guard", "error"] as const;
export type RunStepKind = (typeof RUN_STEP_KINDS)[number];

/** One thing a run did, stored as soon as it finished (so a crash leaves the steps that happened). */
export const runSteps = pgTable(
  "run_steps",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    runId: uuid().notNull(),
    ordinal: integer().notNull(),
    kind: text({ enum: RUN_STEP_KINDS }).notNull(),
    /** `ok`, `error`, `blocked`, `flagged`, `redacted`. */
    status: text().notNull(),
    /** Provider/model for model calls, tool name for tool calls, detector summary for guard steps. */
    name: text(),
    provider: text(),
    model: text(),
    detail: jsonb().$type<Record<string, unknown>>(),
    inputTokens: integer().notNull().default(0),
    outputTokens: integer().notNull().default(0),
    costMicros: bigint({ mode: "number" }).notNull().default(0),
    latencyMs: integer().notNull().default(0),
    startedAt: timestamptz().notNull(),
    completedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("run_steps_tenant_run_ordinal_key").on(t.tenantId, t.runId, t.ordinal),
    index("run_steps_tenant_model_idx")
      .on(t.tenantId, t.provider, t.completedAt)
      .where(sql`kind in ('model_call', 'fallback')`),
    foreignKey({ name: "run_steps_run_fk", columns: [t.tenantId, t.runId], foreignColumns: [runs.tenantId, runs.id] }).onDelete("cascade"),
    ...tenantIsolationPolicies("run_steps"),
  ],
);

export type Run = typeof runs.$inferSelect;
export type RunStep = typeof runSteps.$inferSelect;
