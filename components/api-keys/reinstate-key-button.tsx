"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useTRPC } from "@/components/providers/trpc";

/** Lifts a playbook's suspension (admins): asks first, since the key was stopped for repeated attacks. */
export function ReinstateKeyButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("apiKeys");
  const trpc = useTRPC();
  const router = useRouter();
  const reinstate = useMutation(trpc.apiKeys.reinstate.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <ConfirmActionButton
      label={t("reinstate")}
      ariaLabel={`${t("reinstate")} ${name}`}
      variant="secondary"
      title={t("reinstateTitle", { name })}
      description={t("reinstateBody")}
      confirmLabel={t("reinstate")}
      action={() => reinstate.mutateAsync({ id })}
    />
  );
}
