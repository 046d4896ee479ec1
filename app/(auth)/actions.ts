"use server";

import { AuthError } from "next-auth";
import { emailSchema } from "@/server/auth/email";
import { signIn, signOut } from "@/server/auth/next-auth";
import { requestPasswordReset, resetPassword } from "@/server/auth/password-reset";
import { registerAccount } from "@/server/auth/register-account";
import { signUpInput } from "@/server/auth/sign-up";
import { safeCallbackPath } from "@/server/http/safe-redirect";
import { actionContext } from "./action-context";
import { domainState, fieldErrors, formText, requestFacts, throttled, type FormState } from "./form-state";

export type { FormState } from "./form-state";

export async function signInAction(_: FormState, form: FormData): Promise<FormState> {
  const redirectTo = safeCallbackPath(form.get("callbackUrl"));
  try {
    await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirectTo });
    return null;
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      return { error: code === "rate_limited" ? "rate_limited" : "invalid_credentials", values: { email: formText(form, "email") } };
    }
    throw error; // includes the redirect that signals success
  }
}

/**
 * Creates an account. Apart from the installer's (signed in at once), every sign-up answers
 * "check your e-mail" — a free address gets a confirmation link, a taken one's owner a notice —
 * so the form cannot be used to learn who has an account.
 */
export async function signUpAction(_: FormState, form: FormData): Promise<FormState> {
  const values = { name: formText(form, "name"), email: formText(form, "email") };
  const parsed = signUpInput.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { error: "validation_failed", fields: await fieldErrors(parsed.error.issues), values };
  const { ip } = await requestFacts();
  const limited = await throttled("signUp", ip, parsed.data.email);
  if (limited) return { ...limited, values };
  const callbackUrl = safeCallbackPath(form.get("callbackUrl"), "/orgs/new");
  let registration;
  try {
    registration = await registerAccount(await actionContext(), { ...parsed.data, next: callbackUrl });
  } catch (error) {
    return { ...(await domainState(error)), values };
  }
  if (registration.outcome === "check_email") return { done: true, values: { email: parsed.data.email } };
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: callbackUrl });
  return null;
}

export async function signOutAction(form?: FormData) {
  const back = form?.get("callbackUrl");
  await signOut({ redirectTo: back ? `/sign-in?callbackUrl=${encodeURIComponent(safeCallbackPath(back))}` : "/sign-in" });
}

export async function oauthSignInAction(form: FormData) {
  const provider = String(form.get("provider") ?? "");
  await signIn(provider, { redirectTo: safeCallbackPath(form.get("callbackUrl")) });
}

/**
 * Starts a password reset. The answer is the same for every well-formed address, known or not:
 * the link goes to the address (or, with no SMTP, to the server log for the operator) and never
 * to the page. Sending happens after the response, so its time does not tell either.
 */
export async function requestResetAction(_: FormState, form: FormData): Promise<FormState> {
  const email = emailSchema.safeParse(form.get("email"));
  if (!email.success)
    return {
      error: "validation_failed",
      fields: await fieldErrors(email.error.issues, "email"),
      values: { email: formText(form, "email") },
    };
  const { ip } = await requestFacts();
  const limited = await throttled("forgotPassword", ip, email.data);
  if (limited) return { ...limited, values: { email: email.data } };
  await requestPasswordReset(await actionContext(), { email: email.data });
  return { done: true };
}

export async function resetPasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const token = String(form.get("token") ?? "");
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? "")) return { error: "passwords_differ", fields: { confirm: "passwords_differ" } };
  const { ip } = await requestFacts();
  const limited = await throttled("resetPassword", ip);
  if (limited) return limited;
  try {
    await resetPassword(await actionContext(), { token, password });
  } catch (error) {
    return await domainState(error);
  }
  return { done: true };
}
