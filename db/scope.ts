import { sql } from "drizzle-orm";
import { rowsOf, type Database, type Tx } from "./client";
import { isPostgresJs, pipelinedTransaction, type TransactionOptions } from "./pipelined-transaction";
import { platformAuditLog } from "./schema";

/**
 * The only ways to query. Each opens a transaction and sets the request context with
 * `set_config(…, true)`: transaction-local, so a pooled connection never carries it into the next
 * transaction, and an exception (rollback) leaves nothing behind either.
 *
 * Which role the SQL runs as depends on how the process connects (`ScopeConnections`):
 * - `login-roles` (production): the tenant/identity pool logs in as a role whose only membership
 *   is `app_user`, the platform pool as a member of `app_platform`. Nothing is switched, so SQL in
 *   a transaction has nothing to `RESET ROLE` back to.
 * - `switch-role` (PGlite, and one-URL development): one owner connection that switches with
 *   `set_config('role', …, true)` per transaction. The walls hold for the queries the app runs,
 *   but SQL that said `RESET ROLE` would be the owner again: not the production shape.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertUuid(value: string, what: string) {
  if (!UUID.test(value)) throw new TypeError(`${what} must be a UUID`);
}

export type PlatformActor = { type: "user" | "system"; id: string | null; requestId?: string | null };

export type Scopes = {
  /** Every tenant-owned query: RLS limits it to `tenantId`'s rows. */
  withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Identity queries (users, sessions, "my organisations"): no tenant; memberships and tenants
   * are visible only where they belong to `userId` (null: anonymous — sign-up, sign-in).
   */
  withUser<T>(userId: string | null, fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * The one cross-tenant path (platform console, webhooks, dispatch). Runs as `app_platform`
   * (admitted by every wall's platform policy) and records who and why in `platform_audit_log`
   * in the same transaction.
   */
  withPlatform<T>(reason: string, actor: PlatformActor, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * A periodic sweep's cross-tenant read (crons every few minutes: unprocessed Stripe events,
   * grace periods, expired impersonations): like `withPlatform`, but the `platform_audit_log` row
   * is written only when the read found something. A sweep that found nothing read no tenant's
   * data, and a row every five minutes per sweep would bury the crossings people read the log for.
   */
  withPlatformSweep<T>(reason: string, actor: PlatformActor, fn: (tx: Tx) => Promise<T[]>): Promise<T[]>;
  /**
   * The event engine's machine path (outbox dispatcher, in-process Inngest driver): `app_platform`
   * like `withPlatform` but WITHOUT a `platform_audit_log` row. It runs many times a second for
   * no person and no reason a reader would want: one audit row per poll would drown the log that
   * exists to show people crossing tenants. It touches only the outbox's delivery columns and the
   * engine's own tables (db/schema/engine.ts); whatever a function does in a tenant goes through
   * `withTenant` / recordChange and is audited there.
   */
  withEngine<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
};

export type ScopeConnections = { mode: "login-roles"; app: Database; platform: Database } | { mode: "switch-role"; db: Database };

type Role = "app_user" | "app_platform";

/**
 * Opens a transaction on `db` whose first statement scopes it: on postgres.js, pipelined with the
 * work's first queries (pipelined-transaction.ts); on PGlite, one in-process call after another.
 * In the switch-role shape the same statement first becomes the runtime role.
 */
function scopedTransaction(db: Database, switchRole: boolean) {
  return <T>(
    role: Role,
    settings: { tenantId: string; userId: string },
    fn: (tx: Tx) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> => {
    if (isPostgresJs(db)) {
      const become = switchRole ? `set_config('role', '${role}', true), ` : "";
      const text = `select ${become}set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`;
      return pipelinedTransaction(db, { text, params: [settings.tenantId, settings.userId] }, fn, options);
    }
    const become = switchRole ? sql`set_config('role', ${role}, true), ` : sql``;
    return db.transaction(async (tx) => {
      await tx.execute(
        sql`select ${become}set_config('app.tenant_id', ${settings.tenantId}, true), set_config('app.user_id', ${settings.userId}, true)`,
      );
      return fn(tx as unknown as Tx);
    });
  };
}

/** The `platform_audit_log` row of one crossing: who and why, in the crossing's own transaction. */
async function recordCrossing(tx: Tx, actor: PlatformActor, reason: string) {
  await tx.insert(platformAuditLog).values({ actorType: actor.type, actorId: actor.id, reason, requestId: actor.requestId ?? null });
}

export function createScopes(connections: ScopeConnections): Scopes {
  const switchRole = connections.mode === "switch-role";
  const app = scopedTransaction(connections.mode === "login-roles" ? connections.app : connections.db, switchRole);
  const platform = scopedTransaction(connections.mode === "login-roles" ? connections.platform : connections.db, switchRole);
  return {
    async withTenant(tenantId, fn, options) {
      assertUuid(tenantId, "tenantId");
      return app("app_user", { tenantId, userId: "" }, fn, options);
    },
    async withUser(userId, fn, options) {
      if (userId !== null) assertUuid(userId, "userId");
      return app("app_user", { tenantId: "", userId: userId ?? "" }, fn, options);
    },
    async withPlatform(reason, actor, fn) {
      if (!reason.trim()) throw new TypeError("withPlatform needs a reason");
      return platform("app_platform", { tenantId: "", userId: "" }, async (tx) => {
        await recordCrossing(tx, actor, reason);
        return fn(tx);
      });
    },
    async withPlatformSweep(reason, actor, fn) {
      if (!reason.trim()) throw new TypeError("withPlatformSweep needs a reason");
      return platform("app_platform", { tenantId: "", userId: "" }, async (tx) => {
        const found = await fn(tx);
        if (found.length > 0) await recordCrossing(tx, actor, `${reason} (${found.length} found)`);
        return found;
      });
    },
    async withEngine(fn) {
      return platform("app_platform", { tenantId: "", userId: "" }, fn);
    },
  };
}

/** Current role and context of a transaction: what the isolation tests inspect. */
export async function describeContext(tx: Tx) {
  const [row] = rowsOf<{ role: string; tenant: string | null; user_id: string | null }>(
    await tx.execute(
      sql`select current_user as role, current_setting('app.tenant_id', true) as tenant, current_setting('app.user_id', true) as user_id`,
    ),
  );
  return row!;
}
