import { eq } from "drizzle-orm";
import { incidents, notifications, responseActions } from "@/db/schema";
import { DEFAULT_PLAYBOOKS } from "@/server/playbooks/rules";
import { domainContext, type seedTenant } from "../../support/callers";
import type { TestDatabase } from "../../support/databases";

/**
 * A row in each playbooks table for a tenant: its playbooks through the verb, and one automatic
 * response with its notification in a tenant transaction (the engine writes them from an Inngest
 * function; the wall is the same). Needs the incident `seedAgentRows` opened.
 */
export async function seedPlaybookRows(db: TestDatabase, seeded: Awaited<ReturnType<typeof seedTenant>>, agentId: string) {
  await seeded
    .as(seeded.owner)
    .playbooks.update({ ...DEFAULT_PLAYBOOKS, quarantine_agent: { enabled: true, threshold: 4, windowMinutes: 15 } });
  const tenantId = seeded.tenant.id;
  await domainContext(db).scopes.withTenant(tenantId, async (tx) => {
    const [incident] = await tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.tenantId, tenantId)).limit(1);
    const [response] = await tx
      .insert(responseActions)
      .values({
        tenantId,
        rule: "quarantine_agent",
        targetType: "agent",
        targetId: agentId,
        incidentId: incident!.id,
        triggerEventId: `seed-${tenantId}`,
        observed: 4,
        reversible: true,
        before: { status: "active", reason: null },
        after: { status: "quarantined" },
      })
      .returning({ id: responseActions.id });
    await tx.insert(notifications).values({
      tenantId,
      recipientId: seeded.owner.id,
      kind: "auto_response",
      incidentId: incident!.id,
      responseId: response!.id,
      detail: { rule: "quarantine_agent" },
    });
  });
}
