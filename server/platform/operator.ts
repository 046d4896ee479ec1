import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import type { PlatformActor } from "@/db/scope";
import { tenants } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { PlatformContext, PlatformPrincipal, TenantContext, TenantSummary } from "../request-context";
import { nameText } from "../text";

/** The typed reason every console action needs: recorded in both audit logs. */
export const reasonText = nameText(3, 500, { min: "giveReason", max: "tooLong" });

export const tenantIdInput = z.object({ tenantId: z.uuid() });

export function operatorActor(ctx: PlatformContext): PlatformActor {
  return { type: "user", id: ctx.operator.id, requestId: ctx.meta.requestId };
}

/** What `recordChange` needs to write into a tenant's own log as the operator (a `platform` principal). */
export type OperatorInTenant = Pick<TenantContext, "tx" | "tenant" | "principal" | "meta">;

/**
 * Runs an operator's action on one tenant in ONE platform transaction: the `platform_audit_log`
 * row (who, why), the change itself, and the tenant's own audit row + outbox event (recordChange
 * with a `platform` principal) commit or roll back together — neither log can claim an action the
 * other lacks. The tenant row is locked so two operators acting at once apply one after the other.
 */
export async function actOnTenant<T>(
  ctx: PlatformContext,
  input: { tenantId: string; what: string; reason: string },
  work: (op: OperatorInTenant & { row: typeof tenants.$inferSelect }) => Promise<T>,
): Promise<T> {
  return ctx.scopes.withPlatform(
    `platform console: ${input.what} tenant ${input.tenantId}: ${input.reason}`,
    operatorActor(ctx),
    async (tx) => {
      const row = await lockTenant(tx, input.tenantId);
      const principal: PlatformPrincipal = { type: "platform", operatorId: ctx.operator.id, reason: input.reason, role: "owner" };
      const tenant: TenantSummary = {
        id: row.id,
        slug: row.slug,
        name: row.name,
        planId: row.planId,
        status: row.status,
        createdAt: row.createdAt,
      };
      return work({ tx, tenant, principal, meta: ctx.meta, row });
    },
  );
}

/** The tenant, locked for update; a deleted one is as missing to the console's actions. */
async function lockTenant(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for("update").limit(1);
  if (!row || row.status === "deleted") throw new NotFoundError("Organisation");
  return row;
}
