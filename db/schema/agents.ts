import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

export const AGENT_STATUSES = ["active", "quarantined", "disabled"] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export const PROVIDER_IDS = ["local", "openai", "anthropic"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** One model an agent may use: the primary, or a fallback tried when the one before it fails. */
export type AgentModelRef = {
  provider: ProviderId;
  model: string;
  /** A `provider_credentials` row of the same tenant (not for `local`). */
  credentialId?: string | null;
};

/**
 * Everything a run needs to behave like this version of the agent. Stored whole per version, so
 * a run that names its version can be explained later even after the agent was edited. The
 * domain validates it (server/agents); the database only keeps it.
 */
export type AgentConfig = {
  name: string;
  description: string;
  instructions: string;
  model: AgentModelRef;
  fallbacks: AgentModelRef[];
  temperature: number;
  maxTokens: number;
  tools: string[];
  knowledgeCollectionIds: string[];
  /** Per-detector overrides of the tenant's guard policy (server/guard `PolicyOverride`). */
  guardPolicy: Record<string, unknown> | null;
  /** Template the agent was created from, if any (e.g. `customer-service`). */
  template?: string | null;
};

/**
 * An agent. Its editable definition lives in `agent_versions`; this row carries what is true of
 * the agent across versions (status, archive, the canary planted in its instructions) and a
 * copy of the current version's name for listing and search.
 */
export const agents = pgTable(
  "agents",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    name: text().notNull(),
    description: text().notNull().default(""),
    status: text({ enum: AGENT_STATUSES }).notNull().default("active"),
    statusReason: text(),
    currentVersion: integer().notNull().default(1),
    /**
     * A random token planted in the instructions at run time: seeing it in an output means the
     * system prompt leaked. Never shown in the portal or the API.
     */
    canary: text().notNull(),
    /** The guard's running picture of this agent's normal outputs (anomaly detector). */
    outputBaseline: jsonb().$type<Record<string, unknown>>(),
    /** Who created it (a user id; not a reference, the member may leave). */
    createdBy: uuid(),
    archivedAt: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("agents_tenant_id_key").on(t.tenantId, t.id),
    index("agents_tenant_created_idx").on(t.tenantId, t.createdAt),
    check("agents_status_check", sql`${t.status} in ('active', 'quarantined', 'disabled')`),
    ...tenantIsolationPolicies("agents"),
  ],
);

/** Every change to an agent's definition is a new, immutable version; runs record which one they used. */
export const agentVersions = pgTable(
  "agent_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    agentId: uuid().notNull(),
    version: integer().notNull(),
    config: jsonb().$type<AgentConfig>().notNull(),
    createdBy: uuid(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("agent_versions_tenant_agent_version_key").on(t.tenantId, t.agentId, t.version),
    unique("agent_versions_tenant_id_key").on(t.tenantId, t.id),
    foreignKey({ name: "agent_versions_agent_fk", columns: [t.tenantId, t.agentId], foreignColumns: [agents.tenantId, agents.id] }),
    ...tenantIsolationPolicies("agent_versions"),
  ],
);

export type Agent = typeof agents.$inferSelect;
export type AgentVersion = typeof agentVersions.$inferSelect;
