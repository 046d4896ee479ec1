import { sql } from "drizzle-orm";
import { boolean, index, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { appUser } from "./roles";
import { currentTenantId, currentUserId, platformAccessPolicy } from "./tenant-scope";

/*
 * Identity is global, not tenant-owned: a person is one user across every organisation they
 * belong to, so these tables carry no `tenant_id`. They are still walled by RLS: a transaction
 * sees its own user's rows (`app.user_id`), and a tenant transaction sees the profiles of that
 * tenant's members — never everyone's e-mail addresses. The few lookups that must work before
 * anyone is known (sign-in by e-mail, OAuth account, reset token) go through narrow definer
 * functions in migration 0002.
 */

/** Rows that belong to the user of the current transaction, and the platform path's policy. */
const ownRows = (table: string, column: "id" | "user_id") => [
  pgPolicy(`${table}_own`, {
    for: "all",
    to: appUser,
    using: sql`${sql.identifier(column)} = ${currentUserId}`,
    withCheck: sql`${sql.identifier(column)} = ${currentUserId}`,
  }),
  platformAccessPolicy(table),
];

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stored lower-cased; unique. */
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id PHC string; null for accounts that only sign in through OAuth/OIDC. */
    passwordHash: text(),
    emailVerifiedAt: timestamptz(),
    isPlatformAdmin: boolean().notNull().default(false),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    ...ownRows("users", "id"),
    // Member lists, inviters, key creators: the people of the current tenant, nobody else.
    pgPolicy("users_tenant_members_read", {
      for: "select",
      to: appUser,
      using: sql`id in (select m.user_id from memberships m where m.tenant_id = ${currentTenantId})`,
    }),
  ],
);

/** An external identity (GitHub, Google, OIDC) linked to a user. */
export const accounts = pgTable(
  "accounts",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("accounts_provider_account_key").on(t.provider, t.providerAccountId),
    index("accounts_user_idx").on(t.userId),
    ...ownRows("accounts", "user_id"),
  ],
);

/**
 * One row per signed-in browser. The Auth.js JWT carries this row's id and every request checks
 * it, so signing out everywhere (or an operator revoking) takes effect on the next request.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamptz().notNull().defaultNow(),
    lastSeenAt: timestamptz().notNull().defaultNow(),
    expiresAt: timestamptz().notNull(),
    revokedAt: timestamptz(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [
    index("user_sessions_user_idx")
      .on(t.userId)
      .where(sql`revoked_at is null`),
    ...ownRows("user_sessions", "user_id"),
  ],
);

export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 of the token; the token itself only ever exists in the link. */
    tokenHash: text().notNull(),
    expiresAt: timestamptz().notNull(),
    usedAt: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("password_reset_tokens_hash_key").on(t.tokenHash), ...ownRows("password_reset_tokens", "user_id")],
);

/**
 * A link that proves someone reads an address: the sign-up address, or a new one the user wants
 * to change to (`email` differs from the user's then, and takes effect only when confirmed).
 * Hashed at rest like reset tokens; single use; issuing one retires the user's earlier ones.
 */
export const emailVerifications = pgTable(
  "email_verifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The address this link confirms, lower-cased. */
    email: text().notNull(),
    /** SHA-256 of the token; the token itself only ever exists in the link. */
    tokenHash: text().notNull(),
    expiresAt: timestamptz().notNull(),
    usedAt: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_verifications_hash_key").on(t.tokenHash),
    index("email_verifications_user_idx")
      .on(t.userId)
      .where(sql`used_at is null`),
    ...ownRows("email_verifications", "user_id"),
  ],
);

export type User = typeof users.$inferSelect;
export type UserSession = typeof userSessions.$inferSelect;
