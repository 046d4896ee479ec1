"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { updateNameAction } from "@/app/(portal)/account/actions";
import type { FormState } from "@/app/(auth)/actions";
import { FormError, useFieldError } from "@/components/auth/form-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

export function NameForm({ name }: { name: string }) {
  const t = useTranslations("account");
  const fieldError = useFieldError();
  const [state, action, pending] = useActionState<FormState, FormData>(updateNameAction, null);
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormError code={state?.error === "validation_failed" ? undefined : state?.error} message={state?.message} />
      <Field label={t("name")} error={fieldError(state?.fields?.name)}>
        {(p) => <Input {...p} name="name" defaultValue={state?.values?.name ?? name} autoComplete="name" required maxLength={80} />}
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" pending={pending}>
          {t("saveName")}
        </Button>
        {state?.done ? <Alert tone="success">{t("nameSaved")}</Alert> : null}
      </div>
    </form>
  );
}
