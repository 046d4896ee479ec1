"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { emailSchema } from "@/server/auth/email";
import { signIn, signOut } from "@/server/auth/next-auth";
import { requestPasswordReset, resetPassword } from "@/server/auth/password-reset";
import { signUp, signUpInput } from "@/server/auth/sign-up";
import { sendEmail } from "@/server/email/send-email";
import { DomainError } from "@/server/errors";
import { absoluteUrl, baseUrlFrom } from "@/server/http/app-url";
import { scopes } from "@/server/http/process-scopes";
import { safeCallbackPath } from "@/server/http/safe-redirect";
import { logger } from "@/server/obs/logger";

/** What a form action answers: error codes (translated by the page) and per-field codes. */
export type FormState = {
  error?: string;
  fields?: Record<string, string>;
  message?: string;
  link?: string;
  done?: boolean;
  /** What the user typed (never passwords), so a refused form keeps it. */
  values?: Record<string, string>;
} | null;

const text = (form: FormData, name: string) => String(form.get(name) ?? "").slice(0, 300);

function fieldErrors(issues: { path: PropertyKey[]; message: string }[]) {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  return fields;
}

function domainState(error: unknown): FormState {
  if (error instanceof DomainError) return { error: error.code, message: error.message, fields: (error.details?.fields as Record<string, string>) ?? undefined };
  throw error;
}

export async function signInAction(_: FormState, form: FormData): Promise<FormState> {
  const redirectTo = safeCallbackPath(form.get("callbackUrl"));
  try {
    await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirectTo });
    return null;
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      return { error: code === "rate_limited" ? "rate_limited" : "invalid_credentials", values: { email: text(form, "email") } };
    }
    throw error; // includes the redirect that signals success
  }
}

export async function signUpAction(_: FormState, form: FormData): Promise<FormState> {
  const values = { name: text(form, "name"), email: text(form, "email") };
  const parsed = signUpInput.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { error: "validation_failed", fields: fieldErrors(parsed.error.issues), values };
  try {
    await signUp(scopes, parsed.data);
  } catch (error) {
    return { ...domainState(error), values };
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: safeCallbackPath(form.get("callbackUrl"), "/orgs/new") });
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
 * Starts a password reset. With SMTP configured the answer never says whether the account
 * exists; without it (the embedded default) the link is shown here, since there is no other way
 * to deliver it — and logged.
 */
export async function requestResetAction(_: FormState, form: FormData): Promise<FormState> {
  const email = emailSchema.safeParse(form.get("email"));
  if (!email.success) return { error: "validation_failed", fields: { email: email.error.issues[0]!.message }, values: { email: text(form, "email") } };
  const reset = await requestPasswordReset(scopes, email.data);
  if (!reset) return { done: true };
  const link = absoluteUrl(baseUrlFrom(await headers()), `/reset-password/${reset.token}`);
  const { delivered } = await sendEmail({
    to: email.data,
    subject: "Reset your Agentry password",
    text: `Someone asked to reset the password for this account. If it was you, open:\n\n${link}\n\nThe link works once, for 60 minutes.`,
    kind: "password_reset",
  });
  if (!delivered) logger.info({ userId: reset.userId }, "password reset link shown on screen (no SMTP configured)");
  return delivered ? { done: true } : { done: true, link };
}

export async function resetPasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const token = String(form.get("token") ?? "");
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? "")) return { error: "passwords_differ", fields: { confirm: "passwords_differ" } };
  try {
    await resetPassword(scopes, token, password);
  } catch (error) {
    return domainState(error);
  }
  return { done: true };
}
