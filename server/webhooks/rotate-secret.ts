import { eq } from "drizzle-orm";
import { webhookEndpoints } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { TenantContext } from "../request-context";
import { toEndpointDto, type WebhookEndpointDto } from "./dto";
import { getEndpointInTenant } from "./get-endpoint";
import { newSigningSecret, sealSigningSecret } from "./secret";

/**
 * A new signing secret, effective for every attempt from now on (retries of earlier messages are
 * signed with it too — a receiver verifies with the secret it has). Returned this once.
 */
export async function rotateSecret(ctx: TenantContext, input: { id: string }): Promise<WebhookEndpointDto & { secret: string }> {
  const row = await getEndpointInTenant(ctx, input.id, { forUpdate: true });
  const secret = newSigningSecret();
  const sealed = sealSigningSecret(secret, ctx.tenant.id, row.id);
  const now = new Date();
  const [updated] = await ctx.tx
    .update(webhookEndpoints)
    .set({ ...sealed, secretRotatedAt: now, updatedAt: now })
    .where(eq(webhookEndpoints.id, row.id))
    .returning();
  await recordChange(ctx, "webhook.secret_rotated", { targetId: row.id, facts: { kekId: sealed.kekId } });
  return { ...toEndpointDto(updated!), secret };
}
