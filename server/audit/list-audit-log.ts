import { and, desc, eq, gte, like, lt, lte, type SQL } from "drizzle-orm";
import { auditLog, type AuditRow } from "@/db/schema";
import type { TenantContext } from "../request-context";

export type AuditFilters = {
  action?: string;
  actorType?: AuditRow["actorType"];
  actorId?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
};

export type AuditEntry = {
  id: string;
  seq: number;
  at: string;
  actor: { type: AuditRow["actorType"]; id: string | null; label: string | null };
  action: string;
  target: { type: string; id: string } | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  diff: Record<string, unknown> | null;
  hash: string;
};

/**
 * The API's view of a row. `diff` shows the change whole: its hashed facts and, unless erased,
 * its personal half (kept outside the hash since hash v2).
 */
export function toAuditEntry(row: AuditRow): AuditEntry {
  const diff = row.diff || row.personal ? { ...row.diff, ...row.personal } : null;
  return {
    id: row.id,
    seq: row.seq,
    at: row.at.toISOString(),
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
    action: row.action,
    target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    diff,
    hash: row.hash,
  };
}

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first, by `seq` cursor. `action` matches a prefix ("member." finds all member actions). */
export async function listAuditLog(
  ctx: TenantContext,
  input: { filters: AuditFilters; cursor?: number; limit: number },
): Promise<{ items: AuditEntry[]; nextCursor: number | null }> {
  const { filters } = input;
  const where: (SQL | undefined)[] = [
    eq(auditLog.tenantId, ctx.tenant.id),
    filters.action ? like(auditLog.action, `${escapeLike(filters.action)}%`) : undefined,
    filters.actorType ? eq(auditLog.actorType, filters.actorType) : undefined,
    filters.actorId ? eq(auditLog.actorId, filters.actorId) : undefined,
    filters.targetId ? eq(auditLog.targetId, filters.targetId) : undefined,
    filters.from ? gte(auditLog.at, filters.from) : undefined,
    filters.to ? lte(auditLog.at, filters.to) : undefined,
    input.cursor !== undefined ? lt(auditLog.seq, input.cursor) : undefined,
  ];
  const rows = await ctx.tx
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(toAuditEntry),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.seq : null,
  };
}
