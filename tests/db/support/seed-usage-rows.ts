import { randomUUID } from "node:crypto";
import { keyUsagePurged } from "@/db/schema";
import { appendEvents } from "@/server/events/append-event";
import { rollUpUsage } from "@/server/usage/roll-up-usage";
import { domainContext } from "../../support/callers";
import type { TestDatabase } from "../../support/databases";

/**
 * The usage tables (hourly and daily roll-ups, the counted-runs ledger, purged key usage) for a tenant, through the
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
  // What the retention purge leaves of a key's deleted runs: written by the purge alone, on the platform path.
  const [key] = await db.ownerSql("select id from api_keys where tenant_id = $1 limit 1", [tenantId]);
  if (!key) throw new Error("the usage seed needs the tenant's API key");
  await db.scopes.withPlatform("test: seed purged key usage", { type: "system", id: "seed" }, (tx) =>
    tx
      .insert(keyUsagePurged)
      .values({ tenantId, apiKeyId: String(key.id), day: new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000), runs: 1 }),
  );
}
