import { z } from "zod";
import { emailSchema } from "../auth/email";
import { findUserByEmail } from "../auth/identity-lookups";
import { RESET_TTL_MINUTES } from "../auth/link-lifetimes";
import { storeResetToken } from "../auth/password-reset";
import { NotFoundError } from "../errors";
import type { PlatformContext } from "../request-context";
import { absoluteUrl } from "../links";
import { nameText } from "../text";

export const issueResetLinkInput = z.object({
  email: emailSchema,
  /** Why the operator is doing this: recorded in the platform audit log. */
  reason: nameText(3, 200, { min: "giveReason", max: "tooLong" }),
});

/**
 * The way back in for a user on an installation without e-mail: a platform operator issues a
 * one-time reset link and hands it over out of band. Runs through `withPlatform`, so who issued
 * it for whom and why is in `platform_audit_log`, in the same transaction as the token. The link
 * is returned once and never stored.
 */
export async function issueResetLink(
  ctx: PlatformContext,
  input: z.infer<typeof issueResetLinkInput>,
): Promise<{ link: string; expiresInMinutes: number }> {
  const { scopes } = ctx;
  const actor = { type: "user" as const, id: ctx.operator.id, requestId: ctx.meta.requestId };
  const user = await scopes.withUser(null, (tx) => findUserByEmail(tx, input.email));
  if (!user) throw new NotFoundError("An account with this e-mail");
  const token = await scopes.withPlatform(`platform console: password reset link for user ${user.id}: ${input.reason}`, actor, (tx) =>
    storeResetToken(tx, user.id),
  );
  return { link: absoluteUrl(ctx.appUrl, `/reset-password/${token}`), expiresInMinutes: RESET_TTL_MINUTES };
}
