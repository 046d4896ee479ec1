"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { changePasswordAction } from "@/app/(portal)/account/actions";
import type { FormState } from "@/app/(auth)/actions";
import { FormError, useFieldError } from "@/components/auth/form-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

/** Needs the current password; every other session ends when it changes. */
export function PasswordForm() {
  const t = useTranslations("account");
  const tAuth = useTranslations("auth");
  const fieldError = useFieldError();
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, null);
  const fields = state?.fields ?? {};
  const formLevel = state?.error && !Object.keys(fields).length ? state.error : undefined;
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormError code={formLevel} message={state?.message} />
      {state?.done ? <Alert tone="success">{t("passwordChanged")}</Alert> : null}
      <Field label={t("currentPassword")} error={fieldError(fields.current)}>
        {(p) => <Input {...p} name="current" type="password" autoComplete="current-password" required />}
      </Field>
      <Field label={tAuth("newPassword")} hint={tAuth("passwordHint")} error={fieldError(fields.next)}>
        {(p) => <Input {...p} name="next" type="password" autoComplete="new-password" required maxLength={200} />}
      </Field>
      <Field label={tAuth("confirmPassword")} error={fieldError(fields.confirm)}>
        {(p) => <Input {...p} name="confirm" type="password" autoComplete="new-password" required maxLength={200} />}
      </Field>
      <Button type="submit" variant="secondary" pending={pending}>
        {t("changePassword")}
      </Button>
    </form>
  );
}
