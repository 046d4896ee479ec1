"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useTRPC } from "@/components/providers/trpc";

export function RevokeInvitationButton({ id, email }: { id: string; email: string }) {
  const t = useTranslations("members");
  const trpc = useTRPC();
  const router = useRouter();
  const revoke = useMutation(trpc.invitations.revoke.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <ConfirmActionButton
      label={t("revoke")}
      title={t("revokeTitle", { email })}
      description={t("revokeBody")}
      confirmLabel={t("revoke")}
      action={() => revoke.mutateAsync({ id })}
    />
  );
}
