import { createHash } from "node:crypto";

/**
 * The hash chain, as pure functions so the writer and the verifier cannot drift apart.
 * `hash = sha256(canonical JSON of the row's hashed fields, including prevHash)`; the first row
 * of a tenant chains to GENESIS_HASH.
 *
 * Two rules, chosen per row by `hashVersion`:
 * - v1 (rows written before migration 0005) hashed every field, personal data included.
 * - v2 hashes only stable ids and non-personal facts: actor label, IP, user agent and the
 *   `personal` payload stay outside, so an erasure can blank them and the chain still holds.
 * A v2 row may follow a v1 row: the link is the previous row's hash, whatever its version.
 */

export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  hashVersion: number;
  tenantId: string;
  seq: number;
  id: string;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  diff: unknown;
  prevHash: string;
};

/** JSON with object keys sorted at every depth: jsonb reorders keys, so the hash must not care. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** What both rules hash: stable ids and the link. (Key order is irrelevant: canonical JSON sorts.) */
function linkFields(row: ChainedFields) {
  return {
    tenantId: row.tenantId,
    seq: row.seq,
    id: row.id,
    at: row.at.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    requestId: row.requestId,
    prevHash: row.prevHash,
  };
}

/** The rule new rows are written with. */
export const CURRENT_HASH_VERSION = 2;

export function hashAuditRow(row: ChainedFields): string {
  if (row.hashVersion === 2) return sha256(canonicalJson({ v: 2, ...linkFields(row), facts: row.diff ?? null }));
  if (row.hashVersion !== 1) throw new TypeError(`unknown audit hash version ${row.hashVersion}`);
  return sha256(
    canonicalJson({ v: 1, ...linkFields(row), actorLabel: row.actorLabel, ip: row.ip, userAgent: row.userAgent, diff: row.diff ?? null }),
  );
}

export type ChainBreak = {
  seq: number;
  id: string | null;
  reason: "hash_mismatch" | "prev_hash_mismatch" | "missing_rows";
};

/**
 * Checks one page of rows (ordered by seq) continuing from `previous`. Returns the first break,
 * or the state to continue from.
 */
export function verifyPage(
  rows: ReadonlyArray<ChainedFields & { hash: string }>,
  previous: { seq: number; hash: string },
): { broken: ChainBreak } | { last: { seq: number; hash: string } } {
  let state = previous;
  for (const row of rows) {
    if (row.seq !== state.seq + 1) {
      return { broken: { seq: state.seq + 1, id: null, reason: "missing_rows" } };
    }
    if (row.prevHash !== state.hash) return { broken: { seq: row.seq, id: row.id, reason: "prev_hash_mismatch" } };
    if (hashAuditRow(row) !== row.hash) return { broken: { seq: row.seq, id: row.id, reason: "hash_mismatch" } };
    state = { seq: row.seq, hash: row.hash };
  }
  return { last: state };
}
