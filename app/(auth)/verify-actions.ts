"use server";

import { confirmEmailVerification, resendEmailVerification } from "@/server/auth/email-verification";
import { actionContext, signedInActionContext } from "./action-context";
import { domainState, requestFacts, throttled, type FormState } from "./form-state";

/** Spends a confirmation link (a button, not the GET: mail scanners open links). */
export async function confirmEmailAction(_: FormState, form: FormData): Promise<FormState> {
  const { ip } = await requestFacts();
  const limited = await throttled("confirmEmail", ip);
  if (limited) return limited;
  try {
    await confirmEmailVerification(await actionContext(), { token: String(form.get("token") ?? "") });
  } catch (error) {
    return await domainState(error);
  }
  return { done: true };
}

/** A new link for the signed-in user's unconfirmed address; earlier ones stop working. */
export async function resendVerificationAction(_: FormState): Promise<FormState> {
  const ctx = await signedInActionContext();
  if (!ctx) return { error: "generic" };
  const limited = await throttled("resendVerification", ctx.meta.ip, ctx.user.id);
  if (limited) return limited;
  await resendEmailVerification(ctx);
  return { done: true };
}
