import { randomUUID } from "node:crypto";
import { appendEvents } from "@/server/events/append-event";
import { rollUpUsage } from "@/server/usage/roll-up-usage";
import { domainContext } from "../../support/callers";
import type { TestDatabase } from "../../support/databases";

/**
 * The usage tables (hourly and daily roll-ups, the counted-runs ledger) for a tenant, through the
 * real writers: a `usage.recorded` event into the outbox, then the roll-up verb folding it in —
 * both in the tenant's own transaction, as the usage-rollup function does.
 */
export async function seedUsageRows(db: TestDatabase, tenantId: string, agentId: string) {
  const payload = {
    runId: randomUUID(),
    agentId,
    apiKeyId: null,
    provider: "local",
    model: "local-retrieval",
    inputTokens: 12,
    outputTokens: 3,
    modelCalls: 1,
    toolCalls: 0,
    costMicros: 0,
  };
  const { scopes } = domainContext(db);
  const [eventId] = await scopes.withTenant(tenantId, (tx) =>
    appendEvents(tx, [{ tenantId, type: "usage.recorded", payload, actor: { type: "system", id: "seed" }, meta: null }]),
  );
  const result = await scopes.withTenant(tenantId, (tx) => rollUpUsage({ tx, tenant: { id: tenantId } }, [eventId!]));
  if (result.counted !== 1) throw new Error(`the usage seed counted ${result.counted} runs, expected 1`);
}
