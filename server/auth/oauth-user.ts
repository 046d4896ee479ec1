import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { accounts, users } from "@/db/schema";
import { ConflictError } from "../errors";
import { newAccountIsPlatformAdmin } from "./sign-up";

export type OAuthProfile = {
  provider: string;
  providerAccountId: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
};

/**
 * The user for an external identity: the linked one; else an existing account with the same
 * e-mail, linked only when the provider vouches the address is verified (otherwise anyone could
 * claim an address at a lax provider and take the account); else a new account.
 */
export async function findOrCreateOAuthUser(tx: Tx, profile: OAuthProfile) {
  const [linked] = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, profile.provider), eq(accounts.providerAccountId, profile.providerAccountId)))
    .limit(1);
  if (linked) return linked;
  const email = profile.email?.trim().toLowerCase();
  if (!email) throw new ConflictError("The identity provider did not share an e-mail address.", "oauth_no_email");
  const [existing] = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.email, email)).limit(1);
  if (existing && !profile.emailVerified) {
    throw new ConflictError("An account with this e-mail exists. Sign in with it first.", "oauth_account_not_linked");
  }
  const user =
    existing ??
    (
      await tx
        .insert(users)
        .values({
          email,
          name: profile.name?.trim() || email.split("@")[0]!,
          emailVerifiedAt: profile.emailVerified ? new Date() : null,
          isPlatformAdmin: await newAccountIsPlatformAdmin(tx, email),
        })
        .returning({ id: users.id, email: users.email, name: users.name })
    )[0]!;
  await tx.insert(accounts).values({ userId: user.id, provider: profile.provider, providerAccountId: profile.providerAccountId });
  return user;
}
