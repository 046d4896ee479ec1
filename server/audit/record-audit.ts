import { randomUUID } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { auditLog, type ActorType } from "@/db/schema";
import type { Principal, RequestMeta, TenantContext } from "../request-context";
import { GENESIS_HASH, hashAuditRow } from "./chain";

export type AuditActor = { type: ActorType; id: string | null; label: string | null };

export type AuditEvent = {
  action: string;
  target?: { type: string; id: string };
  /** The minimal diff: changed fields `{ field: { from, to } }` or what was created. No secrets. */
  diff?: Record<string, unknown>;
};

export function actorOf(principal: Principal): AuditActor {
  return principal.type === "user"
    ? { type: "user", id: principal.userId, label: principal.email }
    : { type: "api_key", id: principal.keyId, label: `${principal.keyName} (${principal.prefix}…)` };
}

/**
 * Appends one row to the tenant's chain inside the caller's transaction: if the mutation rolls
 * back, so does its audit row, and vice versa. A transaction-scoped advisory lock per tenant
 * serialises appends so `seq` has no gaps or forks.
 */
export async function appendAudit(
  tx: Tx,
  tenantId: string,
  actor: AuditActor,
  meta: RequestMeta | null,
  event: AuditEvent,
): Promise<{ id: string; seq: number }> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${tenantId}, 7243))`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.tenantId, tenantId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const row = {
    id: randomUUID(),
    tenantId,
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    ip: meta?.ip ?? null,
    userAgent: meta?.userAgent ?? null,
    requestId: meta?.requestId ?? null,
    diff: event.diff ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditLog).values({ ...row, hash: hashAuditRow(row) });
  return { id: row.id, seq: row.seq };
}

/** The usual call from a tenant verb. */
export function recordAudit(ctx: TenantContext, event: AuditEvent) {
  return appendAudit(ctx.tx, ctx.tenant.id, actorOf(ctx.principal), ctx.meta, event);
}
