import type { Tx } from "@/db";
import { users } from "@/db/schema";

/** Whether this installation has any account yet (the sign-up page says who becomes admin). */
export async function hasAnyUser(tx: Tx): Promise<boolean> {
  const [row] = await tx.select({ id: users.id }).from(users).limit(1);
  return Boolean(row);
}
