"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useTRPC } from "@/components/providers/trpc";

type ReversibleRule = "suspend_api_key" | "quarantine_agent" | "tighten_policy";

/** One-click undo of an automatic response (after a confirmation saying what it restores). */
export function UndoResponseButton({ id, rule }: { id: string; rule: ReversibleRule }) {
  const t = useTranslations("playbooks");
  const trpc = useTRPC();
  const router = useRouter();
  const undo = useMutation(trpc.playbooks.undo.mutationOptions({ onSuccess: () => router.refresh() }));
  const action = t(`rules.${rule}`);
  return (
    <ConfirmActionButton
      label={t("undo")}
      ariaLabel={`${t("undo")}: ${action}`}
      variant="secondary"
      title={t("undoTitle", { action })}
      description={t(`undoBody.${rule}`)}
      confirmLabel={t("undo")}
      action={() => undo.mutateAsync({ id })}
    />
  );
}
