"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { acceptInvitationAction, type AcceptState } from "@/app/invite/actions";
import { FormError } from "@/components/auth/form-error";
import { Button } from "@/components/ui/button";

export function AcceptForm({ token }: { token: string }) {
  const t = useTranslations("invite");
  const [state, action, pending] = useActionState<AcceptState, FormData>(acceptInvitationAction, null);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormError code={state?.error} message={state?.message} />
      <Button type="submit" className="w-full" pending={pending}>
        {pending ? t("accepting") : t("accept")}
      </Button>
    </form>
  );
}
