import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { tenants } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError } from "../errors";
import type { PlatformContext } from "../request-context";
import { actOnTenant, reasonText, tenantIdInput } from "./operator";

export const tenantStatusActionInput = tenantIdInput.extend({ reason: reasonText });
type Input = z.infer<typeof tenantStatusActionInput>;

/**
 * Suspends an organisation: every door then answers 403 `tenant_suspended` (assertUsable in
 * server/tenancy/tenant-context.ts). Nothing is deleted. It takes effect on the next request:
 * every access load re-reads `tenants.status` (the slug and key-hash caches only map names to
 * ids, never status), so no cache has to be flushed.
 */
export async function suspendTenant(ctx: PlatformContext, input: Input): Promise<{ status: "suspended"; suspendedAt: string }> {
  return actOnTenant(ctx, { tenantId: input.tenantId, what: "suspend", reason: input.reason }, async (op) => {
    if (op.row.status === "suspended") throw new ConflictError("This organisation is already suspended.", "already_suspended");
    const [updated] = await op.tx
      .update(tenants)
      .set({ status: "suspended", suspendedAt: sql`now()`, suspendedReason: input.reason, updatedAt: sql`now()` })
      .where(eq(tenants.id, op.tenant.id))
      .returning({ suspendedAt: tenants.suspendedAt });
    await recordChange(op, "tenant.suspended", { targetId: op.tenant.id, facts: { from: "active" }, personal: { reason: input.reason } });
    return { status: "suspended" as const, suspendedAt: updated!.suspendedAt!.toISOString() };
  });
}

/** Lifts a suspension: the organisation's doors open again on the next request, data as it was. */
export async function reactivateTenant(ctx: PlatformContext, input: Input): Promise<{ status: "active" }> {
  return actOnTenant(ctx, { tenantId: input.tenantId, what: "reactivate", reason: input.reason }, async (op) => {
    if (op.row.status !== "suspended") throw new ConflictError("This organisation is not suspended.", "not_suspended");
    await op.tx
      .update(tenants)
      .set({ status: "active", suspendedAt: null, suspendedReason: null, updatedAt: sql`now()` })
      .where(eq(tenants.id, op.tenant.id));
    await recordChange(op, "tenant.reactivated", {
      targetId: op.tenant.id,
      facts: { from: "suspended" },
      personal: { reason: input.reason },
    });
    return { status: "active" as const };
  });
}
