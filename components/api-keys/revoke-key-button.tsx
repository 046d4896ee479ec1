"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/members/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function RevokeKeyButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("apiKeys");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
    }),
  );
  return (
    <>
      <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setOpen(true)} aria-label={`${t("revoke")} ${name}`}>
        {t("revoke")}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={() => revoke.mutate({ id })}
        title={t("revokeTitle", { name })}
        description={t("revokeBody")}
        confirmLabel={t("revoke")}
        pending={revoke.isPending}
        error={errorText(revoke.error)}
      />
    </>
  );
}
