"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { FormState } from "@/app/(auth)/actions";
import { confirmEmailAction } from "@/app/(auth)/verify-actions";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { FormError } from "./form-error";

/** `next`: where to go once confirmed (sign-in comes first if needed, then back there). */
export function VerifyEmailForm({ token, next }: { token: string; next: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState<FormState, FormData>(confirmEmailAction, null);
  if (state?.done) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{t("verifyDone")}</Alert>
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(next)}`} className={buttonClasses("primary")}>
          {t("continue")}
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormError code={state?.error} message={state?.message} />
      <Button type="submit" className="w-full" pending={pending}>
        {t("verifyButton")}
      </Button>
    </form>
  );
}
