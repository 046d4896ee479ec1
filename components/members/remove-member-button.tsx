"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useTRPC } from "@/components/providers/trpc";

/** Remove someone (or, for yourself, leave — then `name` is the organisation's), after confirming. */
export function RemoveMemberButton({ userId, name, self }: { userId: string; name: string; self: boolean }) {
  const t = useTranslations("members");
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: () => router.refresh() }));
  const leave = useMutation(
    trpc.members.leave.mutationOptions({
      onSuccess: () => {
        router.push("/orgs");
        router.refresh();
      },
    }),
  );
  return (
    <ConfirmActionButton
      label={self ? t("leave") : t("remove")}
      className="text-red-700"
      title={self ? t("leaveTitle", { name }) : t("removeTitle", { name })}
      description={self ? t("leaveBody") : t("removeBody")}
      confirmLabel={self ? t("leave") : t("remove")}
      action={() => (self ? leave.mutateAsync() : remove.mutateAsync({ userId }))}
    />
  );
}
