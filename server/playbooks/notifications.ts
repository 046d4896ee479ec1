import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { incidents, notifications } from "@/db/schema";
import type { TenantContext } from "../request-context";
import type { Permission } from "../tenancy/permissions";
import { toNotificationDto, type NotificationDto } from "./dto";

type Kind = NotificationDto["kind"];

/**
 * Who may see a kind: what it links to. Incident kinds open an incident; quota and billing
 * notices open the billing page. A member who loses the permission stops seeing (and counting)
 * those notices, though the rows stay theirs.
 */
const KIND_PERMISSION: Record<Kind, Permission> = {
  incident: "incident:read",
  auto_response: "incident:read",
  quota: "billing:read",
  billing: "billing:read",
};

export type BellItem = NotificationDto & { incidentTitle: string | null };

const NOTHING = { unread: 0, items: [] as BellItem[] };

/** The signed-in member's id, or null for principals that receive no notifications (keys, jobs). */
function recipientOf(ctx: TenantContext): string | null {
  return ctx.principal.type === "user" ? ctx.principal.userId : null;
}

/** The kinds this member may see, from the permissions of their role. */
export function visibleKinds(ctx: Pick<TenantContext, "permissions">): Kind[] {
  return (Object.keys(KIND_PERMISSION) as Kind[]).filter((k) => ctx.permissions.includes(KIND_PERMISSION[k]));
}

/** The bell: the member's unread count and latest notifications (at most 20), of the kinds they may see. */
export async function listMyNotifications(ctx: TenantContext): Promise<typeof NOTHING> {
  const me = recipientOf(ctx);
  const kinds = visibleKinds(ctx);
  if (!me || kinds.length === 0) return NOTHING;
  const mine = and(eq(notifications.tenantId, ctx.tenant.id), eq(notifications.recipientId, me), inArray(notifications.kind, kinds));
  const [count] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(mine, isNull(notifications.readAt)));
  // Left join: quota and billing notices name no incident.
  const rows = await ctx.tx
    .select({ n: notifications, incidentTitle: incidents.title })
    .from(notifications)
    .leftJoin(incidents, and(eq(incidents.tenantId, notifications.tenantId), eq(incidents.id, notifications.incidentId)))
    .where(mine)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(20);
  return { unread: count?.n ?? 0, items: rows.map((r) => ({ ...toNotificationDto(r.n), incidentTitle: r.incidentTitle })) };
}

/**
 * Marks the member's notifications read: one (`id`) or all — of the kinds they may see, so
 * "mark all" never touches what the bell did not show. Only their own; marking twice changes nothing.
 */
export async function markNotificationsRead(ctx: TenantContext, input: { id?: string }): Promise<{ marked: number }> {
  const me = recipientOf(ctx);
  const kinds = visibleKinds(ctx);
  if (!me || kinds.length === 0) return { marked: 0 };
  const rows = await ctx.tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.tenantId, ctx.tenant.id),
        eq(notifications.recipientId, me),
        inArray(notifications.kind, kinds),
        isNull(notifications.readAt),
        input.id ? eq(notifications.id, input.id) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return { marked: rows.length };
}
