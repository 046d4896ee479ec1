"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { changeEmailAction } from "@/app/(portal)/account/actions";
import type { FormState } from "@/app/(auth)/actions";
import { FormError, useFieldError } from "@/components/auth/form-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

/** A new address takes effect only once confirmed from its own mailbox. */
/** `hasPassword`: the account has one, and must give it (provider-only accounts have none). */
export function EmailForm({ hasPassword }: { hasPassword: boolean }) {
  const t = useTranslations("account");
  const fieldError = useFieldError();
  const [state, action, pending] = useActionState<FormState, FormData>(changeEmailAction, null);
  if (state?.done) return <Alert tone="success">{t("emailChangeSent", { email: state.values?.email ?? "" })}</Alert>;
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormError code={state?.error === "validation_failed" || state?.fields ? undefined : state?.error} message={state?.message} />
      <Field label={t("newEmail")} hint={t("newEmailHint")} error={fieldError(state?.fields?.email)}>
        {(p) => (
          <Input {...p} name="email" type="email" defaultValue={state?.values?.email} autoComplete="email" required maxLength={254} />
        )}
      </Field>
      {hasPassword ? (
        <Field label={t("currentPassword")} error={fieldError(state?.fields?.password)}>
          {(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}
        </Field>
      ) : null}
      <Button type="submit" variant="secondary" pending={pending}>
        {t("changeEmail")}
      </Button>
    </form>
  );
}
