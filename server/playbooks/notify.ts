import { and, eq, inArray } from "drizzle-orm";
import { memberships, notifications, ROLES, type Role } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { roleCan } from "../tenancy/permissions";

/** "Admins": the roles that may manage playbooks (and so undo what they did). They can all read incidents. */
const ADMIN_ROLES = ROLES.filter((r: Role) => roleCan(r, "playbook:manage") && roleCan(r, "incident:read"));

/**
 * One in-app notification per admin (each reads and dismisses their own). Written in the
 * caller's transaction, beside the response it reports.
 */
export async function notifyAdmins(
  ctx: Pick<TenantContext, "tx" | "tenant">,
  input: { kind: "incident" | "auto_response"; incidentId: string; responseId: string | null; detail: Record<string, unknown> },
): Promise<number> {
  const admins = await ctx.tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, ctx.tenant.id), inArray(memberships.role, ADMIN_ROLES)));
  if (admins.length === 0) return 0;
  await ctx.tx.insert(notifications).values(
    admins.map((a) => ({
      tenantId: ctx.tenant.id,
      recipientId: a.userId,
      kind: input.kind,
      incidentId: input.incidentId,
      responseId: input.responseId,
      detail: input.detail,
    })),
  );
  return admins.length;
}
