import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import type { SignedInContext } from "../request-context";
import { nameText } from "../text";

/** Messages are keys of messages/<locale>/validation.json, so forms show them translated. */
export const updateNameInput = z.object({ name: nameText(1, 80, { min: "enterName", max: "tooLong" }) });

/** The signed-in user's display name (what members lists and the audit log show). */
export async function updateName(ctx: SignedInContext, input: z.infer<typeof updateNameInput>): Promise<{ name: string }> {
  const userId = ctx.user.id;
  return ctx.scopes.withUser(userId, async (tx) => {
    await tx.update(users).set({ name: input.name, updatedAt: new Date() }).where(eq(users.id, userId));
    return { name: input.name };
  });
}
