import { pgRole } from "drizzle-orm/pg-core";

/**
 * The runtime roles. Both are NOLOGIN and own nothing; they are created (idempotently, since
 * roles are cluster-wide) by a hand-written migration, so drizzle-kit must treat them as existing.
 *
 * - `app_user`: every tenant and identity query runs as this role (`set local role`); it has no
 *   BYPASSRLS, so the policies below are the wall.
 * - `app_platform`: the one explicit cross-tenant path (`withPlatform`), BYPASSRLS, audited.
 */
export const appUser = pgRole("app_user").existing();
export const appPlatform = pgRole("app_platform").existing();
