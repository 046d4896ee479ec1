import { and, eq, inArray } from "drizzle-orm";
import { memberships, notifications, ROLES, type Role } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { roleCan } from "../tenancy/permissions";

/** "Admins": the roles that may manage playbooks (and so undo what they did). They can all read incidents. */
const ADMIN_ROLES = ROLES.filter((r: Role) => roleCan(r, "playbook:manage") && roleCan(r, "incident:read"));

type NewNotification = typeof notifications.$inferInsert;

/**
 * One in-app notification per member whose role is in `roles` (each reads and dismisses their
 * own), written in the caller's transaction beside its cause, so a cause that rolls back leaves
 * no notification. Returns how many were written.
 */
export async function notifyRoles(
  ctx: Pick<TenantContext, "tx" | "tenant">,
  roles: readonly Role[],
  notice: Pick<NewNotification, "kind" | "incidentId" | "responseId" | "detail">,
): Promise<number> {
  const members = await ctx.tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, ctx.tenant.id), inArray(memberships.role, [...roles])));
  if (members.length === 0) return 0;
  await ctx.tx.insert(notifications).values(members.map((m) => ({ ...notice, tenantId: ctx.tenant.id, recipientId: m.userId })));
  return members.length;
}

/** One in-app notification per admin, beside the incident or response it reports. */
export function notifyAdmins(
  ctx: Pick<TenantContext, "tx" | "tenant">,
  input: { kind: "incident" | "auto_response"; incidentId: string; responseId: string | null; detail: Record<string, unknown> },
): Promise<number> {
  return notifyRoles(ctx, ADMIN_ROLES, input);
}
