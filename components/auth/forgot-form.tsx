"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { requestResetAction, type FormState } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { FormError, useFieldError } from "./form-error";

export function ForgotForm() {
  const t = useTranslations("auth");
  const fieldError = useFieldError();
  const [state, action, pending] = useActionState<FormState, FormData>(requestResetAction, null);
  // The same answer for every address: whether it has an account is not this page's to say.
  if (state?.done) return <Alert tone="success">{t("resetSent")}</Alert>;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormError code={state?.error === "validation_failed" ? undefined : state?.error} message={state?.message} />
      <Field label={t("email")} error={fieldError(state?.fields?.email)}>
        {(p) => <Input {...p} name="email" type="email" defaultValue={state?.values?.email} autoComplete="email" required autoFocus />}
      </Field>
      <Button type="submit" className="w-full" pending={pending}>
        {t("sendLink")}
      </Button>
    </form>
  );
}
