import type { Tx } from "@/db";
import { findUserByEmail } from "./identity-lookups";
import { dummyPasswordHash, verifyPassword } from "./password";

/**
 * The user for an e-mail and password, or null. A missing account costs the same argon2
 * verification as a wrong password, so response time does not reveal which accounts exist.
 */
export async function authenticatePassword(tx: Tx, email: string, password: string) {
  const user = await findUserByEmail(tx, email.trim().toLowerCase());
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.passwordHash || !ok) return null;
  return { id: user.id, email: user.email, name: user.name };
}
