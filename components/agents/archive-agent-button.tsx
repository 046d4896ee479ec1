"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useTRPC } from "@/components/providers/trpc";

/** Archiving cannot be undone: it asks first, then returns to the list. */
export function ArchiveAgentButton({ id, name, listHref }: { id: string; name: string; listHref: string }) {
  const t = useTranslations("agents.detail");
  const trpc = useTRPC();
  const router = useRouter();
  const archive = useMutation(trpc.agents.archive.mutationOptions());
  return (
    <ConfirmActionButton
      label={t("archive")}
      variant="secondary"
      className="text-red-700"
      title={t("archiveTitle", { name })}
      description={t("archiveBody")}
      confirmLabel={t("archive")}
      action={async () => {
        await archive.mutateAsync({ id });
        router.push(listHref);
        router.refresh();
      }}
    />
  );
}
