import type { SignedInContext } from "../request-context";
import { findUserByEmail } from "./identity-lookups";

/**
 * Whether the account signs in with a password (provider-only accounts do not). Read through
 * the definer lookup: the password hash itself is not the app role's to read.
 */
export async function accountHasPassword(ctx: SignedInContext): Promise<boolean> {
  const { user } = ctx;
  const account = await ctx.scopes.withUser(null, (tx) => findUserByEmail(tx, user.email));
  return account?.id === user.id && account.passwordHash !== null;
}
