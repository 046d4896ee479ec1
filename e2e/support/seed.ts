/**
 * Seeding for the end-to-end suites: straight into the e2e database (the one the server under
 * test uses), through the server's own verbs and the in-process tRPC caller, exactly as the
 * vitest suites seed (`tests/support/callers.ts`). Every test seeds its own tenants, users and
 * keys, so specs run in parallel without seeing each other.
 */
import {
  addMember,
  callerFor,
  domainContext,
  seedTenant,
  seedUser,
  TEST_PASSWORD,
  uniqueEmail,
  uniqueSlug,
  type SeededUser,
} from "@/tests/support/callers";
import { openPostgresTestDatabase, type TestDatabase } from "@/tests/support/databases";
import { issueEmailVerification } from "@/server/auth/email-verification";
import { requestPasswordReset } from "@/server/auth/password-reset";
import { adminDatabaseUrl, e2eDatabaseName } from "./env";

export { TEST_PASSWORD, uniqueEmail, uniqueSlug, type SeededUser };

export type Role = "owner" | "admin" | "developer" | "viewer";

/**
 * The e2e database, opened through the same fixture as the vitest ones and with the server's own
 * login roles (serve.ts prepared it); closing it leaves the database to the server.
 */
export async function openE2eDatabase(): Promise<TestDatabase> {
  return openPostgresTestDatabase(e2eDatabaseName(), { adminUrl: adminDatabaseUrl(), max: 4, dropOnClose: false });
}

export type SeededTenant = Awaited<ReturnType<typeof seedTenant>>;

/** The seeding verbs, bound to one database. */
export function seeder(db: TestDatabase) {
  const api = {
    db,
    /** Raw SQL as the database owner (superuser): for tampering and time travel only. */
    ownerSql: db.ownerSql,
    user: (name?: string, email?: string, options?: { verified?: boolean }) => seedUser(db, name, email, options),
    /** A fresh organisation owned by a fresh user. */
    tenant: (ownerName?: string) => seedTenant(db, ownerName),
    /** A fresh user who joins `seeded` with `role`, through the real invitation flow. */
    member: (seeded: SeededTenant, role: Role, name?: string) => addMember(db, seeded, role, name),
    /** Acts as `user` in process, in the organisation `slug` (or with no organisation). */
    as: (user: SeededUser, slug?: string) => callerFor(db, { user, tenantSlug: slug }),

    /** An API key created by `user` in `seeded`'s organisation. */
    async key(seeded: SeededTenant, user: SeededUser, scopes: string[] = ["*"], name = "e2e key") {
      const created = await api.as(user, seeded.tenant.slug).apiKeys.create({ name, scopes });
      return { id: created.key.id, secret: created.secret, dto: created.key };
    },

    /**
     * A fresh organisation and an API key in it, created by a member of `role` (the owner, or a
     * member who joins with that role first).
     */
    async tenantWithKey(options: { scopes?: string[]; role?: Role; ownerName?: string } = {}) {
      const seeded = await seedTenant(db, options.ownerName);
      const role = options.role ?? "owner";
      const creator = role === "owner" ? seeded.owner : await addMember(db, seeded, role);
      const scopes = options.scopes ?? (role === "owner" ? ["*"] : ["tenant:read"]);
      const key = await api.key(seeded, creator, scopes);
      return { ...seeded, slug: seeded.tenant.slug, creator, key };
    },

    /** A pending invitation; `token` is what the link carries. */
    async invitation(seeded: SeededTenant, role: Role = "developer", email = uniqueEmail("invitee")) {
      const created = await api.as(seeded.owner, seeded.tenant.slug).invitations.create({ email, role });
      return {
        id: created.invitation.id,
        email,
        token: created.link.split("/invite/")[1]!,
        path: `/invite/${created.link.split("/invite/")[1]!}`,
      };
    },

    /** An existing user joins `seeded` with `role` (invited by the owner, accepting as themselves). */
    async join(seeded: SeededTenant, user: SeededUser, role: Role) {
      const invitation = await api.invitation(seeded, role, user.email);
      await callerFor(db, { user }).invitations.accept({ token: invitation.token });
      return user;
    },

    /**
     * What the user would find in their mailbox: a fresh reset link. (The server sends its own
     * to the address, or to its log without SMTP; a new one retires that, as a second request would.)
     */
    async resetLinkPath(email: string) {
      const reset = await requestPasswordReset(domainContext(db), { email });
      if (!reset) throw new Error(`no account for ${email}`);
      return `/reset-password/${reset.token}`;
    },

    /**
     * Likewise a fresh link confirming `address` (by default its own) for the account registered
     * as `email` — what sign-up, resend or an e-mail change would have sent there.
     */
    async verificationLinkPath(email: string, next?: string, address = email) {
      const [row] = await db.ownerSql("select id from users where email = $1", [email]);
      if (!row) throw new Error(`no account for ${email}`);
      const { token } = await issueEmailVerification(domainContext(db), { userId: String(row.id), email: address });
      return `/verify-email/${token}${next ? `?next=${encodeURIComponent(next)}` : ""}`;
    },

    /** The organisation's audit rows, oldest first, read as the owner (no RLS). */
    async auditRows(tenantId: string) {
      return (await db.ownerSql("select id, seq, action from audit_log where tenant_id = $1 order by seq", [tenantId])) as {
        id: string;
        seq: string | number;
        action: string;
      }[];
    },
  };
  return api;
}

export type Seeder = ReturnType<typeof seeder>;
