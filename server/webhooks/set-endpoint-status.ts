import { eq } from "drizzle-orm";
import { webhookEndpoints } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError } from "../errors";
import type { TenantContext } from "../request-context";
import { toEndpointDto, type WebhookEndpointDto } from "./dto";
import { getEndpointInTenant } from "./get-endpoint";

/**
 * An admin switches an endpoint off (`admin`) or back on. Re-enabling clears the failure streak,
 * so the auto-disable clock starts afresh; deliveries that died meanwhile can be resent.
 */
export async function setEndpointStatus(
  ctx: TenantContext,
  input: { id: string; status: "active" | "disabled" },
): Promise<WebhookEndpointDto> {
  const row = await getEndpointInTenant(ctx, input.id, { forUpdate: true });
  if (row.status === input.status) {
    throw new ConflictError(`This endpoint is already ${input.status === "active" ? "enabled" : "disabled"}.`, "webhook_status_unchanged");
  }
  const now = new Date();
  const [updated] = await ctx.tx
    .update(webhookEndpoints)
    .set(
      input.status === "active"
        ? { status: "active", disabledReason: null, disabledAt: null, failureStreak: 0, failingSince: null, updatedAt: now }
        : { status: "disabled", disabledReason: "admin", disabledAt: now, updatedAt: now },
    )
    .where(eq(webhookEndpoints.id, row.id))
    .returning();
  if (input.status === "active") {
    await recordChange(ctx, "webhook.endpoint_enabled", { targetId: row.id, facts: { failureStreak: row.failureStreak } });
  } else {
    await recordChange(ctx, "webhook.endpoint_disabled", {
      targetId: row.id,
      facts: { reason: "admin", failureStreak: row.failureStreak, failingSince: row.failingSince?.toISOString() ?? null },
    });
  }
  return toEndpointDto(updated!);
}
