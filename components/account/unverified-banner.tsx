"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { FormState } from "@/app/(auth)/actions";
import { resendVerificationAction } from "@/app/(auth)/verify-actions";
import { FormError } from "@/components/auth/form-error";
import { Button } from "@/components/ui/button";

/** Shown on every portal page until the user's address is confirmed, with a way to resend. */
export function UnverifiedBanner({ email }: { email: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState<FormState>(resendVerificationAction, null);
  return (
    <div role="status" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900 sm:px-6">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2">
        <p className="flex-1">{state?.done ? t("resent") : t("unverifiedBanner", { email })}</p>
        {state?.done ? null : (
          <form action={action}>
            <Button type="submit" size="sm" variant="secondary" pending={pending}>
              {t("resend")}
            </Button>
          </form>
        )}
      </div>
      {state?.error ? (
        <div className="mx-auto mt-2 max-w-6xl">
          <FormError code={state.error} message={state.message} />
        </div>
      ) : null}
    </div>
  );
}
