"use server";

import { after } from "next/server";
import { scopes } from "@/server/http/process-scopes";
import { confirmEmailVerification, emailVerificationState, issueEmailVerification } from "@/server/auth/email-verification";
import { sendEmailChangedNotice, sendVerificationLink } from "@/server/auth/identity-mail";
import { currentUser } from "@/server/http/rsc";
import { domainState, requestFacts, throttled, type FormState } from "./form-state";

/** Spends a confirmation link (a button, not the GET: mail scanners open links). */
export async function confirmEmailAction(_: FormState, form: FormData): Promise<FormState> {
  const { ip } = await requestFacts();
  const limited = await throttled("confirmEmail", ip);
  if (limited) return limited;
  try {
    const confirmed = await confirmEmailVerification(scopes, String(form.get("token") ?? ""));
    if (confirmed.previousEmail) {
      const previous = confirmed.previousEmail;
      after(() => sendEmailChangedNotice(previous, confirmed.email));
    }
  } catch (error) {
    return await domainState(error);
  }
  return { done: true };
}

/** A new link for the signed-in user's unconfirmed address; earlier ones stop working. */
export async function resendVerificationAction(_: FormState): Promise<FormState> {
  const user = await currentUser();
  if (!user) return { error: "generic" };
  const { ip, baseUrl } = await requestFacts();
  const limited = await throttled("resendVerification", ip, user.id);
  if (limited) return limited;
  const state = await emailVerificationState(scopes, user.id);
  if (state.verified) return { done: true };
  const { token } = await issueEmailVerification(scopes, user.id, state.email);
  after(() => sendVerificationLink(baseUrl, state.email, token, "sign_up"));
  return { done: true };
}
