import { and, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { toAuditEntry, type AuditEntry } from "./list-audit-log";

/** One entry of the tenant's log, or the same 404 for "not yours" and "not there". */
export async function getAuditEntry(ctx: TenantContext, { id }: { id: string }): Promise<AuditEntry> {
  const [row] = await ctx.tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, ctx.tenant.id), eq(auditLog.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("Audit entry");
  return toAuditEntry(row);
}
