"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { resetPasswordAction, type FormState } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { FormError, useFieldError } from "./form-error";

export function ResetForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const fieldError = useFieldError();
  const [state, action, pending] = useActionState<FormState, FormData>(resetPasswordAction, null);
  if (state?.done) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{t("resetDone")}</Alert>
        <Link href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
          {t("backToSignIn")}
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormError
        code={state?.error === "weak_password" || state?.error === "passwords_differ" ? undefined : state?.error}
        message={state?.message}
      />
      <Field
        label={t("newPassword")}
        hint={t("passwordHint")}
        error={state?.error === "weak_password" ? fieldError("weak_password") : undefined}
      >
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" required autoFocus />}
      </Field>
      <Field label={t("confirmPassword")} error={fieldError(state?.fields?.confirm)}>
        {(p) => <Input {...p} name="confirm" type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" className="w-full" pending={pending}>
        {t("setPassword")}
      </Button>
    </form>
  );
}
