import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import type { Context } from "@/server/trpc/context";
import type { ErrorEnvelope } from "@/server/trpc/error-shape";
import { appRouter } from "@/server/trpc/root";
import type { TestDatabase } from "./databases";

/** What a client sees for a failed call: the tRPC code, the HTTP status and our envelope. */
export type Failure = {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  error: ErrorEnvelope;
  /** The whole formatted shape, exactly as the HTTP adapters would serialise it. */
  shape: Record<string, unknown>;
};

/**
 * Awaits a call that must fail and formats its error with the router's real error formatter
 * (the one the HTTP adapters use), so tests assert on what goes over the wire.
 */
export async function failure(call: Promise<unknown>, requestId?: string): Promise<Failure> {
  let caught: unknown = undefined;
  let failed = false;
  try {
    await call;
  } catch (error) {
    caught = error;
    failed = true;
  }
  if (!failed) throw new Error("expected the call to fail, but it succeeded");
  if (!(caught instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(caught)}`);
  const ctx = requestId ? ({ meta: { requestId, ip: null, userAgent: null } } as unknown as Context) : undefined;
  const shape = getErrorShape({ config: appRouter._def._config, error: caught, type: "unknown", path: undefined, input: undefined, ctx });
  return {
    code: caught.code,
    httpStatus: shape.data.httpStatus,
    error: shape.data.error as ErrorEnvelope,
    shape: shape as unknown as Record<string, unknown>,
  };
}

/** The field paths of a validation failure (zod issues). */
export function issuePaths(f: Failure): string[] {
  const issues = (f.error.details?.issues ?? []) as { path: string }[];
  return issues.map((i) => i.path);
}

export type AuditRowAsOwner = {
  id: string;
  seq: number;
  action: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  diff: Record<string, unknown> | null;
  personal: Record<string, unknown> | null;
  hash_version: number;
  prev_hash: string;
  hash: string;
};

/** A tenant's audit rows in `seq` order, read as the owner (no RLS, no app code). */
export async function auditRows(db: TestDatabase, tenantId: string): Promise<AuditRowAsOwner[]> {
  const rows = await db.ownerSql(
    `select id::text, seq::int as seq, action, actor_type, actor_id, actor_label, target_type, target_id, ip, user_agent, request_id, diff, personal, hash_version::int as hash_version, prev_hash, hash
       from audit_log where tenant_id = $1 order by seq`,
    [tenantId],
  );
  return rows as unknown as AuditRowAsOwner[];
}

/** Rows in a table, optionally for one tenant, counted as the owner. */
export async function countRows(db: TestDatabase, table: string, tenantId?: string): Promise<number> {
  const [row] = await db.ownerSql(
    `select count(*)::int as n from ${table}${tenantId ? " where tenant_id = $1" : ""}`,
    tenantId ? [tenantId] : [],
  );
  return Number(row!.n);
}
