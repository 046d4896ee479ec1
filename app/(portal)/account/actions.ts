"use server";

import { revalidatePath } from "next/cache";
import { signedInActionContext } from "@/app/(auth)/action-context";
import { domainState, fieldErrors, throttled, type FormState } from "@/app/(auth)/form-state";
import { changeEmailInput, requestEmailChange } from "@/server/auth/change-email";
import { changePassword, changePasswordInput } from "@/server/auth/change-password";
import { updateName, updateNameInput } from "@/server/auth/update-name";

/*
 * The account page's forms. Each answers catalogue codes (translated by the form), keeps what
 * was typed (never passwords) and changes nothing when refused.
 */

export async function updateNameAction(_: FormState, form: FormData): Promise<FormState> {
  const ctx = await signedInActionContext();
  if (!ctx) return { error: "generic" };
  const parsed = updateNameInput.safeParse({ name: form.get("name") });
  if (!parsed.success)
    return { error: "validation_failed", fields: await fieldErrors(parsed.error.issues), values: { name: String(form.get("name") ?? "") } };
  await updateName(ctx, parsed.data);
  revalidatePath("/", "layout");
  return { done: true };
}

export async function changeEmailAction(_: FormState, form: FormData): Promise<FormState> {
  const ctx = await signedInActionContext();
  if (!ctx) return { error: "generic" };
  const values = { email: String(form.get("email") ?? "").slice(0, 300) };
  const parsed = changeEmailInput.safeParse({ email: form.get("email"), password: form.get("password") ?? "" });
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "email");
    return {
      error: "validation_failed",
      fields: field === "password" ? { password: "wrong_current_password" } : { email: "email_invalid" },
      values,
    };
  }
  const limited = await throttled("changeEmail", ctx.meta.ip, ctx.user.id);
  if (limited) return { ...limited, values };
  try {
    await requestEmailChange(ctx, parsed.data);
  } catch (error) {
    return { ...(await domainState(error)), values };
  }
  return { done: true, values: { email: parsed.data.email } };
}

export async function changePasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const ctx = await signedInActionContext();
  if (!ctx) return { error: "generic" };
  if (String(form.get("next") ?? "") !== String(form.get("confirm") ?? ""))
    return { error: "passwords_differ", fields: { confirm: "passwords_differ" } };
  const parsed = changePasswordInput.safeParse({ current: form.get("current"), next: form.get("next") });
  if (!parsed.success) return { error: "weak_password", fields: { next: "weak_password" } };
  const limited = await throttled("changePassword", ctx.meta.ip, ctx.user.id);
  if (limited) return limited;
  try {
    await changePassword(ctx, parsed.data);
  } catch (error) {
    return await domainState(error);
  }
  return { done: true };
}
