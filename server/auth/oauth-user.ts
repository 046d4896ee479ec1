import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import type { DomainContext } from "../request-context";
import { accounts, users } from "@/db/schema";
import { ConflictError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import { findUserByEmail, findUserIdByAccount } from "./identity-lookups";
import { revokeAllSessions } from "./sessions";
import { newAccountStanding } from "./sign-up";

export type OAuthProfile = {
  provider: string;
  providerAccountId: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
};

type OAuthUser = { id: string; email: string; name: string };

/**
 * The provider vouched for the address of an existing account. If that account had not proven
 * the address itself, whoever registered it first may not be its owner (pre-registering a
 * victim's address, then waiting for them to arrive by SSO): the verified owner takes it over —
 * the squatter's password and sessions stop working — and the address counts as verified.
 */
async function claimExistingAccount(tx: Tx, existing: { id: string; email: string; name: string }): Promise<OAuthUser> {
  const [row] = await tx.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, existing.id));
  if (row && row.verifiedAt === null) {
    await tx.update(users).set({ emailVerifiedAt: new Date(), passwordHash: null, updatedAt: new Date() }).where(eq(users.id, existing.id));
    await revokeAllSessions(tx, existing.id);
  }
  return { id: existing.id, email: existing.email, name: existing.name };
}

/** A new account from a provider: its address counts as verified only if the provider says so. */
async function insertOAuthUser(tx: Tx, id: string, email: string, profile: OAuthProfile): Promise<OAuthUser> {
  const { installer, isPlatformAdmin } = await newAccountStanding(tx, email, profile.emailVerified);
  const [user] = await tx
    .insert(users)
    .values({
      id,
      email,
      name: profile.name?.trim() || email.split("@")[0]!,
      emailVerifiedAt: profile.emailVerified || installer ? new Date() : null,
      isPlatformAdmin,
    })
    .returning({ id: users.id, email: users.email, name: users.name });
  return user!;
}

/**
 * The user for an external identity: the linked one; else an existing account with the same
 * e-mail, linked only when the provider vouches the address is verified (otherwise anyone could
 * claim an address at a lax provider and take the account); else a new account. Who that is
 * gets decided anonymously (definer lookups); the writes run scoped to that user.
 */
export async function findOrCreateOAuthUser(ctx: Pick<DomainContext, "scopes" | "meta">, profile: OAuthProfile): Promise<OAuthUser> {
  const { scopes } = ctx;
  const email = profile.email?.trim().toLowerCase() ?? null;
  const { linkedId, existing } = await scopes.withUser(null, async (tx) => ({
    linkedId: await findUserIdByAccount(tx, profile.provider, profile.providerAccountId),
    existing: email ? await findUserByEmail(tx, email) : null,
  }));
  if (linkedId) {
    return scopes.withUser(linkedId, async (tx) => {
      const [user] = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, linkedId));
      return user!;
    });
  }
  if (!email) throw new ConflictError("The identity provider did not share an e-mail address.", "oauth_no_email");
  if (existing && !profile.emailVerified) {
    throw new ConflictError("An account with this e-mail exists. Sign in with it first.", "oauth_account_not_linked");
  }
  const userId = existing?.id ?? randomUUID();
  try {
    return await scopes.withUser(userId, async (tx) => {
      const user: OAuthUser = existing ? await claimExistingAccount(tx, existing) : await insertOAuthUser(tx, userId, email, profile);
      await tx.insert(accounts).values({ userId: user.id, provider: profile.provider, providerAccountId: profile.providerAccountId });
      return user;
    });
  } catch (error) {
    // Two first sign-ins racing with the same address or account: the loser tries once more.
    if (isUniqueViolation(error)) return findOrCreateOAuthUser(ctx, profile);
    throw error;
  }
}
