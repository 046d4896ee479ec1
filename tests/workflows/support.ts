import { closeDatabase, configureDatabase } from "@/db";
import { useKeyring as setKeyring } from "@/server/crypto/keyring";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { seedTenant } from "../support/callers";
import { installTestKeyring } from "../runs/support";

/**
 * What the workflow tests share: a Postgres test database that the process's own `scopes` (the
 * ones Inngest functions use through inngest/act.ts) also point at, a test KEK for the hook
 * secrets, and a tenant with a local-provider agent.
 */
export async function openWorkflowDatabase(): Promise<TestDatabase> {
  const db = await createPostgresTestDatabase();
  configureDatabase({ driver: "postgres", url: db.url!, max: 4 });
  installTestKeyring();
  return db;
}

export async function closeWorkflowDatabase(db: TestDatabase | undefined) {
  setKeyring(null);
  await closeDatabase();
  await db?.drop();
}

export async function seedWorkflowTenant(db: TestDatabase) {
  const org = await seedTenant(db);
  const owner = org.as(org.owner);
  const agent = await owner.agents.create({ name: "Writer", instructions: "Answer briefly." });
  return { ...org, owner: org.owner, caller: owner, agentId: agent.id };
}

/** The outbox row of a run's `workflow.run_requested`, as the dispatcher would hand it to Inngest. */
export async function requestedEvent(db: TestDatabase, workflowRunId: string) {
  const [row] = await db.ownerSql(
    `select id, type, tenant_id, correlation_id, causation_id, trace_id, actor_type, actor_id, payload
       from events where type = 'workflow.run_requested' and payload->>'workflowRunId' = $1`,
    [workflowRunId],
  );
  if (!row) throw new Error("no workflow.run_requested event");
  return {
    id: String(row.id),
    name: "workflow.run_requested",
    data: {
      tenantId: String(row.tenant_id),
      correlationId: String(row.correlation_id),
      causationId: (row.causation_id as string | null) ?? null,
      traceId: (row.trace_id as string | null) ?? null,
      actor: { type: String(row.actor_type), id: (row.actor_id as string | null) ?? null },
      payload: row.payload as Record<string, unknown>,
    },
  };
}

/** Every engine call in a test has a deadline (an unmocked wait would hang forever). */
export function within<T>(ms: number, promise: Promise<T>, what = "the call"): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms))),
  ]);
}
