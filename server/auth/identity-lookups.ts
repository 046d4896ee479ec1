import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db";

/*
 * The lookups that must work before anyone is known. Identity tables are walled by RLS (a
 * transaction sees only its own user), so these go through the narrow definer functions of
 * migration 0002, each answering one exact key.
 */

export type UserWithPassword = { id: string; email: string; name: string; passwordHash: string | null };

export async function findUserByEmail(tx: Tx, email: string): Promise<UserWithPassword | null> {
  const [row] = rowsOf<{ id: string; email: string; name: string; password_hash: string | null }>(
    await tx.execute(sql`select id, email, name, password_hash from agentry_user_by_email(${email})`),
  );
  return row ? { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash } : null;
}

export async function findUserIdByAccount(tx: Tx, provider: string, providerAccountId: string): Promise<string | null> {
  const [row] = rowsOf<{ user_id: string | null }>(
    await tx.execute(sql`select agentry_user_by_account(${provider}, ${providerAccountId}) as user_id`),
  );
  return row?.user_id ?? null;
}

export async function findResetTokenUser(tx: Tx, tokenHash: string): Promise<string | null> {
  const [row] = rowsOf<{ user_id: string | null }>(await tx.execute(sql`select agentry_reset_token_user(${tokenHash}) as user_id`));
  return row?.user_id ?? null;
}

export async function findVerificationTokenUser(tx: Tx, tokenHash: string): Promise<string | null> {
  const [row] = rowsOf<{ user_id: string | null }>(await tx.execute(sql`select agentry_email_verification_user(${tokenHash}) as user_id`));
  return row?.user_id ?? null;
}

/** Whether this installation has any account yet (the first becomes platform admin). */
export async function hasAnyUser(tx: Tx): Promise<boolean> {
  const [row] = rowsOf<{ any: boolean }>(await tx.execute(sql`select agentry_any_user() as any`));
  return row?.any === true;
}
