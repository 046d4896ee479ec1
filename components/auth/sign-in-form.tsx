"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { signInAction, type FormState } from "@/app/(auth)/actions";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { FormError } from "./form-error";

/** `oauthError`: the `error` a provider sign-in came back with (ours, e.g. oauth_account_not_linked, or Auth.js's). */
export function SignInForm({ callbackUrl, oauthError }: { callbackUrl: string; oauthError: string | null }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState<FormState, FormData>(signInAction, null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {oauthError && !state ? <FormError code={oauthError.startsWith("oauth_") ? oauthError : "oauth"} message={t("oauthError")} /> : null}
      <FormError code={state?.error} message={state?.message} />
      <Field label={t("email")}>
        {(p) => <Input {...p} name="email" type="email" defaultValue={state?.values?.email} autoComplete="email" required autoFocus />}
      </Field>
      <Field label={t("password")}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <div className="flex items-center justify-between">
        <Link href="/forgot-password" className="text-sm text-brand-700 hover:underline">
          {t("forgot")}
        </Link>
      </div>
      <Button type="submit" className="w-full" pending={pending}>
        {pending ? t("signingIn") : t("signIn")}
      </Button>
    </form>
  );
}
