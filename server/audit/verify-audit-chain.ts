import { and, asc, eq, gt } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { GENESIS_HASH, verifyPage, type ChainBreak } from "./chain";
import { recordChange } from "./record-change";

const PAGE = 1000;

export type ChainVerdict = {
  ok: boolean;
  checked: number;
  lastSeq: number;
  firstBroken: ChainBreak | null;
  verifiedAt: string;
};

/**
 * Walks the tenant's whole chain in `seq` order and names the first row whose link does not
 * hold. The result is itself recorded (as evidence for compliance), after the walk, so it
 * never checks its own row.
 */
export async function verifyAuditChain(ctx: TenantContext): Promise<ChainVerdict> {
  let state = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  let broken: ChainBreak | null = null;
  for (;;) {
    const rows = await ctx.tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, ctx.tenant.id), gt(auditLog.seq, state.seq)))
      .orderBy(asc(auditLog.seq))
      .limit(PAGE);
    const result = verifyPage(rows, state);
    if ("broken" in result) {
      broken = result.broken;
      // Every row before the break verified (seq starts at 1 and has no gaps up to it).
      checked = result.broken.seq - 1;
      break;
    }
    checked += rows.length;
    state = result.last;
    if (rows.length < PAGE) break;
  }
  const verdict: ChainVerdict = {
    ok: broken === null,
    checked,
    lastSeq: broken ? broken.seq - 1 : state.seq,
    firstBroken: broken,
    verifiedAt: new Date().toISOString(),
  };
  await recordChange(ctx, "audit.verified", { facts: { ok: verdict.ok, checked: verdict.checked, firstBrokenSeq: broken?.seq ?? null } });
  return verdict;
}
