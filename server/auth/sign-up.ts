import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import type { Scopes } from "@/db/scope";
import { users } from "@/db/schema";
import { env } from "../env";
import { ConflictError, ValidationError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import { emailSchema } from "./email";
import { hasAnyUser } from "./identity-lookups";
import { hashPassword, PASSWORD_MAX_LENGTH, passwordProblems } from "./password";
import { nameText } from "../text";

export const signUpInput = z.object({
  name: nameText(1, 80, { min: "enterName" }),
  email: emailSchema,
  password: z.string().max(PASSWORD_MAX_LENGTH),
});

export type SignUpInput = z.infer<typeof signUpInput>;

/** Platform admins: those listed in PLATFORM_ADMIN_EMAILS, or, when none are listed, the first account. */
export function isListedPlatformAdmin(email: string): boolean {
  return env.PLATFORM_ADMIN_EMAILS.includes(email.toLowerCase());
}

export function firstAccountBecomesAdmin(): boolean {
  return env.PLATFORM_ADMIN_EMAILS.length === 0;
}

/**
 * Whether an account about to be created (by password or through a provider) is a platform
 * admin. Call it in the transaction that inserts the user, right before the insert.
 */
export async function newAccountIsPlatformAdmin(tx: Tx, email: string): Promise<boolean> {
  if (isListedPlatformAdmin(email)) return true;
  if (!firstAccountBecomesAdmin()) return false;
  // Serialise the "first account" decision so two simultaneous first sign-ups cannot both win.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('agentry:first-account', 0))`);
  return !(await hasAnyUser(tx));
}

/**
 * Creates a password account. The id is chosen first so the insert runs in a transaction scoped
 * to the new user: RLS lets a transaction write only its own user's row.
 */
export async function signUp(scopes: Scopes, input: SignUpInput): Promise<{ id: string; email: string; name: string; isPlatformAdmin: boolean }> {
  const problems = passwordProblems(input.password, input.email);
  if (problems.length > 0) {
    const message = `The password needs ${problems.join("; ")}.`;
    throw new ValidationError(message, { password: message }, "weak_password");
  }
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  try {
    return await scopes.withUser(id, async (tx) => {
      const isPlatformAdmin = await newAccountIsPlatformAdmin(tx, input.email);
      const [user] = await tx
        .insert(users)
        .values({ id, email: input.email, name: input.name, passwordHash, isPlatformAdmin })
        .returning({ id: users.id, email: users.email, name: users.name, isPlatformAdmin: users.isPlatformAdmin });
      return user!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      throw new ConflictError("An account with this e-mail already exists. Sign in instead.", "email_taken", { field: "email" });
    }
    throw error;
  }
}
