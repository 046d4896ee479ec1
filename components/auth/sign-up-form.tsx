"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { signUpAction, type FormState } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { FormError, useFieldError } from "./form-error";

/** `invitedEmail`: signing up from an invitation, whose address is fixed (shown, not editable). */
export function SignUpForm({ callbackUrl, invitedEmail }: { callbackUrl: string; invitedEmail?: string }) {
  const t = useTranslations("auth");
  const fieldError = useFieldError();
  const [state, action, pending] = useActionState<FormState, FormData>(signUpAction, null);
  const fields = state?.fields ?? {};
  if (state?.done) {
    return (
      <Alert tone="success" title={t("checkEmailTitle")}>
        {t("checkEmailBody", { email: state.values?.email ?? "" })}
      </Alert>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {/* Field-level problems are shown at their field, not twice. */}
      <FormError
        code={state?.error === "weak_password" || state?.error === "validation_failed" ? undefined : state?.error}
        message={state?.message}
      />
      <Field label={t("name")} error={fieldError(fields.name)}>
        {(p) => <Input {...p} name="name" defaultValue={state?.values?.name} autoComplete="name" required maxLength={80} autoFocus />}
      </Field>
      <Field label={t("email")} hint={invitedEmail ? t("invitedEmailHint") : undefined} error={fieldError(fields.email)}>
        {(p) =>
          invitedEmail ? (
            <Input
              {...p}
              name="email"
              type="email"
              value={invitedEmail}
              readOnly
              aria-readonly="true"
              className="bg-slate-50 text-slate-600"
            />
          ) : (
            <Input {...p} name="email" type="email" defaultValue={state?.values?.email} autoComplete="email" required maxLength={254} />
          )
        }
      </Field>
      <Field
        label={t("password")}
        hint={t("passwordHint")}
        error={state?.error === "weak_password" ? fieldError("weak_password") : fieldError(fields.password)}
      >
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required minLength={10} maxLength={200} />}
      </Field>
      <Button type="submit" className="w-full" pending={pending}>
        {pending ? t("signingUp") : t("signUp")}
      </Button>
    </form>
  );
}
