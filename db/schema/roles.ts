import { pgRole } from "drizzle-orm/pg-core";

/**
 * The runtime roles. Both are NOLOGIN and own nothing; they are created (idempotently, since
 * roles are cluster-wide) by a hand-written migration, so drizzle-kit must treat them as existing.
 *
 * - `app_user`: every tenant and identity query runs as this role — as a LOGIN role that is only
 *   a member of it in production, switched to per transaction on PGlite; it has no BYPASSRLS, so
 *   the policies are the wall.
 * - `app_platform`: the one explicit cross-tenant path (`withPlatform`), audited; every walled
 *   table has a policy admitting it (`platformAccessPolicy`), so it needs no BYPASSRLS.
 */
export const appUser = pgRole("app_user").existing();
export const appPlatform = pgRole("app_platform").existing();
