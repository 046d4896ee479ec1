"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useTRPC } from "@/components/providers/trpc";
import { HookSecretDialog } from "./hook-secret-dialog";

/** Delete (typed confirmation) and rotate the inbound webhook secret (shown once). */
export function WorkflowActions({ id, name, listHref, hookUrl }: { id: string; name: string; listHref: string; hookUrl: string }) {
  const t = useTranslations("workflows.detail");
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.workflows.delete.mutationOptions());
  const rotate = useMutation(trpc.workflows.rotateHookSecret.mutationOptions());
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap gap-2">
      <ConfirmActionButton
        label={t("rotate")}
        variant="secondary"
        title={t("rotateTitle")}
        description={t("rotateBody")}
        confirmLabel={t("rotate")}
        action={async () => setSecret((await rotate.mutateAsync({ id })).hookSecret)}
      />
      <ConfirmActionButton
        label={t("delete")}
        variant="secondary"
        className="text-red-700"
        title={t("deleteTitle", { name })}
        description={t("deleteBody")}
        confirmLabel={t("delete")}
        typeToConfirm={name}
        action={async () => {
          await remove.mutateAsync({ id, confirm: name });
          router.push(listHref);
          router.refresh();
        }}
      />
      <HookSecretDialog secret={secret} hookUrl={hookUrl} onClose={() => setSecret(null)} />
    </div>
  );
}
