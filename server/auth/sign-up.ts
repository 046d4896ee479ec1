import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import { env } from "../env";
import type { DomainContext } from "../request-context";
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

/**
 * Platform admins: those listed in PLATFORM_ADMIN_EMAILS, or, when none are listed, the first
 * account. The list names addresses, so it counts only for an address proven to be the
 * holder's — otherwise registering a listed address would be enough to become an operator.
 */
export function isListedPlatformAdmin(email: string, verified: boolean): boolean {
  return verified && env.PLATFORM_ADMIN_EMAILS.includes(email.toLowerCase());
}

export function firstAccountBecomesAdmin(): boolean {
  return env.PLATFORM_ADMIN_EMAILS.length === 0;
}

/**
 * Whether an account about to be created (by password or through a provider) is the installer
 * — the first account of an empty installation, trusted as the person who set it up — and
 * whether it is a platform admin. Call it in the transaction that inserts the user, right
 * before the insert. `verified`: the address is already proven (a provider vouched for it).
 */
export async function newAccountStanding(
  tx: Tx,
  email: string,
  verified: boolean,
): Promise<{ installer: boolean; isPlatformAdmin: boolean }> {
  // Serialise the "first account" decision so two simultaneous first sign-ups cannot both win.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('agentry:first-account', 0))`);
  const installer = !(await hasAnyUser(tx));
  const isPlatformAdmin = isListedPlatformAdmin(email, verified || installer) || (installer && firstAccountBecomesAdmin());
  return { installer, isPlatformAdmin };
}

export type NewAccount = { id: string; email: string; name: string; isPlatformAdmin: boolean; emailVerified: boolean };

/**
 * Creates a password account; its address is unverified unless it is the installer's. A taken
 * address is a ConflictError here — `registerAccount` turns that into the same answer as success. The id is chosen first so the insert runs in a transaction scoped
 * to the new user: RLS lets a transaction write only its own user's row.
 */
export async function signUp(ctx: DomainContext, input: SignUpInput): Promise<NewAccount> {
  const problems = passwordProblems(input.password, input.email);
  if (problems.length > 0) {
    const message = `The password needs ${problems.join("; ")}.`;
    throw new ValidationError(message, { password: message }, "weak_password");
  }
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  try {
    return await ctx.scopes.withUser(id, async (tx) => {
      const { installer, isPlatformAdmin } = await newAccountStanding(tx, input.email, false);
      const [user] = await tx
        .insert(users)
        .values({ id, email: input.email, name: input.name, passwordHash, isPlatformAdmin, emailVerifiedAt: installer ? new Date() : null })
        .returning({ id: users.id, email: users.email, name: users.name, isPlatformAdmin: users.isPlatformAdmin });
      return { ...user!, emailVerified: installer };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      throw new ConflictError("An account with this e-mail already exists. Sign in instead.", "email_taken", { field: "email" });
    }
    throw error;
  }
}
