"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useErrorText } from "@/components/actions/use-error-text";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";

/** Retry (one click: it only sends the event again) and Discard (asks first: it closes the failure for good). */
export function DeadLetterActions({ id, event }: { id: string; event: string }) {
  const t = useTranslations("events.deadLetters");
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useErrorText();
  const discard = useMutation(trpc.events.discardDeadLetter.mutationOptions({ onSuccess: () => router.refresh() }));
  const retry = useMutation(trpc.events.retryDeadLetter.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        <Button
          size="sm"
          variant="secondary"
          pending={retry.isPending}
          onClick={() => retry.mutate({ id })}
          aria-label={t("retryLabel", { event })}
        >
          {t("retry")}
        </Button>
        <ConfirmActionButton
          label={t("discard")}
          ariaLabel={t("discardLabel", { event })}
          title={t("discardTitle")}
          description={t("discardBody")}
          confirmLabel={t("discard")}
          action={() => discard.mutateAsync({ id })}
        />
      </div>
      {retry.error ? (
        <p role="alert" className="text-xs text-red-600">
          {errorText(retry.error)}
        </p>
      ) : null}
    </div>
  );
}
