import type { Scopes } from "@/db/scope";
import { findUserByEmail } from "./identity-lookups";

/**
 * Whether the account signs in with a password (provider-only accounts do not). Read through
 * the definer lookup: the password hash itself is not the app role's to read.
 */
export async function accountHasPassword(scopes: Scopes, user: { id: string; email: string }): Promise<boolean> {
  const account = await scopes.withUser(null, (tx) => findUserByEmail(tx, user.email));
  return account?.id === user.id && account.passwordHash !== null;
}
