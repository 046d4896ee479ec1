import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { incidents, notifications } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { toNotificationDto, type NotificationDto } from "./dto";

const NOTHING = { unread: 0, items: [] as (NotificationDto & { incidentTitle: string })[] };

/** The signed-in member's id, or null for principals that receive no notifications (keys, jobs). */
function recipientOf(ctx: TenantContext): string | null {
  return ctx.principal.type === "user" ? ctx.principal.userId : null;
}

/**
 * The bell: the member's unread count and latest notifications (at most 20). Only for members
 * who may read incidents (every notification links to one).
 */
export async function listMyNotifications(ctx: TenantContext) {
  const me = recipientOf(ctx);
  if (!me || !ctx.permissions.includes("incident:read")) return NOTHING;
  const mine = and(eq(notifications.tenantId, ctx.tenant.id), eq(notifications.recipientId, me));
  const [count] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(mine, isNull(notifications.readAt)));
  const rows = await ctx.tx
    .select({ n: notifications, incidentTitle: incidents.title })
    .from(notifications)
    .innerJoin(incidents, and(eq(incidents.tenantId, notifications.tenantId), eq(incidents.id, notifications.incidentId)))
    .where(mine)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(20);
  return { unread: count?.n ?? 0, items: rows.map((r) => ({ ...toNotificationDto(r.n), incidentTitle: r.incidentTitle })) };
}

/** Marks the member's notifications read: one (`id`) or all. Only their own; marking twice changes nothing. */
export async function markNotificationsRead(ctx: TenantContext, input: { id?: string }): Promise<{ marked: number }> {
  const me = recipientOf(ctx);
  if (!me) return { marked: 0 };
  const rows = await ctx.tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.tenantId, ctx.tenant.id),
        eq(notifications.recipientId, me),
        isNull(notifications.readAt),
        input.id ? eq(notifications.id, input.id) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return { marked: rows.length };
}
