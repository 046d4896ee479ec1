import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { domainContext } from "../../support/callers";
import type { TestDatabase } from "../../support/databases";

/** A webhook endpoint and one delivery for a tenant, written through the tenant wall (the verbs need a keyring and DNS). */
export async function seedWebhookRows(db: TestDatabase, tenantId: string, userId: string) {
  await domainContext(db).scopes.withTenant(tenantId, async (tx) => {
    const [endpoint] = await tx
      .insert(webhookEndpoints)
      .values({
        tenantId,
        url: "https://hooks.example.com/agentry",
        eventTypes: ["run.*"],
        ciphertext: "c2VhbGVk",
        wrappedKey: "d3JhcHBlZA==",
        kekId: "test",
        createdBy: userId,
      })
      .returning();
    await tx.insert(webhookDeliveries).values({
      tenantId,
      endpointId: endpoint!.id,
      messageId: `msg_${tenantId}`,
      eventId: tenantId,
      eventType: "run.completed",
      requestBody: "{}",
    });
  });
}
