import { randomUUID } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { auditLog, type ActorType } from "@/db/schema";
import type { Principal, RequestMeta, TenantContext } from "../request-context";
import { appendEvents } from "../events/append-event";
import { CURRENT_HASH_VERSION, GENESIS_HASH, hashAuditRow } from "./chain";
import { parseChange, type ChangeAction, type ChangeInput } from "./changes";

export type AuditActor = { type: ActorType; id: string | null; label: string | null };

/** The actor's stable id (hashed) and a readable label (not hashed: it may name a person). */
export function actorOf(principal: Principal): AuditActor {
  switch (principal.type) {
    case "user":
      return { type: "user", id: principal.userId, label: principal.email };
    case "api_key":
      return { type: "api_key", id: principal.keyId, label: `${principal.keyName} (${principal.prefix}…)` };
    case "system":
      return { type: "system", id: principal.job, label: principal.job };
    case "platform":
      return { type: "platform", id: principal.operatorId, label: null };
  }
}

/** Where a change is written: the tenant's transaction, who acted, from where. */
type ChangeScope = { tx: Tx; tenantId: string; actor: AuditActor; meta: RequestMeta | null };

/**
 * The one way a change is recorded. Checks the payload against the catalogue, then appends one
 * row to the tenant's chain inside the caller's transaction, and its outbox event (same name,
 * payload `{ target, facts }`, never the personal half) beside it: if the mutation rolls back, so
 * do both, and vice versa.
 *
 * A transaction-scoped advisory lock per tenant serialises appends so `seq` has no gaps or
 * forks; it is held until commit, which is why nothing slow may run after a change is recorded
 * (see `afterCommit`).
 */
async function appendChange<A extends ChangeAction>(
  scope: ChangeScope,
  action: A,
  change: ChangeInput<A>,
): Promise<{ id: string; seq: number }> {
  const { target, facts, personal } = parseChange(action, change);
  const { tx, tenantId, actor, meta } = scope;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${tenantId}, 7243))`);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.tenantId, tenantId))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const row = {
    hashVersion: CURRENT_HASH_VERSION,
    id: randomUUID(),
    tenantId,
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    ip: meta?.ip ?? null,
    userAgent: meta?.userAgent ?? null,
    requestId: meta?.requestId ?? null,
    diff: facts,
    personal,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditLog).values({ ...row, hash: hashAuditRow(row) });
  await appendEvents(tx, [{ tenantId, type: action, payload: { target, facts }, actor: { type: actor.type, id: actor.id }, meta }]);
  return { id: row.id, seq: row.seq };
}

/**
 * `recordChange(ctx, "member.invited", { targetId, facts, personal })`: the only writer of the
 * audit log. Verbs that open their own tenant transaction (creating an organisation, accepting
 * an invitation) hand it the same four fields.
 */
export function recordChange<A extends ChangeAction>(
  ctx: Pick<TenantContext, "tx" | "tenant" | "principal" | "meta">,
  action: A,
  change: ChangeInput<A>,
) {
  return appendChange({ tx: ctx.tx, tenantId: ctx.tenant.id, actor: actorOf(ctx.principal), meta: ctx.meta }, action, change);
}
