import { sql } from "drizzle-orm";
import { rowsOf, type Database, type Tx } from "./client";
import { platformAuditLog } from "./schema";

/**
 * The only ways to query. Each opens a transaction, switches to a runtime role with
 * `set_config('role', …, true)` and sets the context with `set_config(…, true)`: both are
 * transaction-local, so a pooled connection never carries them into the next transaction, and an
 * exception (rollback) leaves nothing behind either.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertUuid(value: string, what: string) {
  if (!UUID.test(value)) throw new TypeError(`${what} must be a UUID`);
}

export type PlatformActor = { type: "user" | "system"; id: string | null; requestId?: string | null };

export type Scopes = {
  /** Every tenant-owned query: RLS limits it to `tenantId`'s rows. */
  withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Identity queries (users, sessions, "my organisations"): no tenant; memberships and tenants
   * are visible only where they belong to `userId` (null: anonymous — sign-up, sign-in).
   */
  withUser<T>(userId: string | null, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * The one cross-tenant path (platform console, webhooks, dispatch). Runs as `app_platform`
   * (BYPASSRLS) and records who and why in `platform_audit_log` in the same transaction.
   */
  withPlatform<T>(reason: string, actor: PlatformActor, fn: (tx: Tx) => Promise<T>): Promise<T>;
};

export function createScopes(db: Database): Scopes {
  return {
    async withTenant(tenantId, fn) {
      assertUuid(tenantId, "tenantId");
      return db.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('role', 'app_user', true), set_config('app.tenant_id', ${tenantId}, true), set_config('app.user_id', '', true)`,
        );
        return fn(tx as unknown as Tx);
      });
    },
    async withUser(userId, fn) {
      if (userId !== null) assertUuid(userId, "userId");
      return db.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('role', 'app_user', true), set_config('app.tenant_id', '', true), set_config('app.user_id', ${userId ?? ""}, true)`,
        );
        return fn(tx as unknown as Tx);
      });
    },
    async withPlatform(reason, actor, fn) {
      if (!reason.trim()) throw new TypeError("withPlatform needs a reason");
      return db.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('role', 'app_platform', true), set_config('app.tenant_id', '', true), set_config('app.user_id', '', true)`,
        );
        await tx.insert(platformAuditLog).values({
          actorType: actor.type,
          actorId: actor.id,
          reason,
          requestId: actor.requestId ?? null,
        });
        return fn(tx as unknown as Tx);
      });
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
