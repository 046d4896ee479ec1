"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useTRPC } from "@/components/providers/trpc";

export function RevokeProviderKeyButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("providers");
  const trpc = useTRPC();
  const router = useRouter();
  const revoke = useMutation(trpc.providerCredentials.revoke.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <ConfirmActionButton
      label={t("revoke")}
      ariaLabel={`${t("revoke")} ${name}`}
      className="text-red-700"
      title={t("revokeTitle", { name })}
      description={t("revokeBody")}
      confirmLabel={t("revoke")}
      action={() => revoke.mutateAsync({ id })}
    />
  );
}
