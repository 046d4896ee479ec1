import { and, eq } from "drizzle-orm";
import { memberships } from "@/db/schema";
import { ConflictError } from "../errors";
import type { TenantContext } from "../request-context";

/**
 * Refuses a change that would leave the organisation without an owner. The owner rows are
 * locked first, so two owners demoting each other at the same moment cannot both succeed.
 */
export async function assertAnotherOwnerRemains(ctx: TenantContext, leavingUserId: string) {
  const owners = await ctx.tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, ctx.tenant.id), eq(memberships.role, "owner")))
    .for("update");
  const others = owners.filter((o) => o.userId !== leavingUserId);
  if (owners.some((o) => o.userId === leavingUserId) && others.length === 0) {
    throw new ConflictError("An organisation needs at least one owner: make someone else an owner first.", "last_owner");
  }
}
