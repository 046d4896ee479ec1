"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";

/** Resend one delivery (a new single attempt, audited), then go to the endpoint's log where it appears. */
export function ResendButton({ id, endpointHref }: { id: string; endpointHref: string }) {
  const t = useTranslations("webhooks");
  const trpc = useTRPC();
  const router = useRouter();
  const resend = useMutation(trpc.webhooks.resend.mutationOptions({ onSuccess: () => router.push(endpointHref) }));
  return (
    <div className="space-y-2">
      <ConfirmActionButton
        label={t("resend")}
        variant="secondary"
        title={t("resendTitle")}
        description={t("resendBody")}
        confirmLabel={t("resend")}
        action={() => resend.mutateAsync({ id })}
      />
      {resend.isSuccess ? <Alert tone="success">{t("resent")}</Alert> : null}
    </div>
  );
}
