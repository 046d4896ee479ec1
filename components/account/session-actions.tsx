"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function SessionActions() {
  const t = useTranslations("account");
  const trpc = useTRPC();
  const router = useRouter();
  const [confirm, setConfirm] = useState(false);
  const others = useMutation(trpc.account.signOutEverywhere.mutationOptions({ onSuccess: () => router.refresh() }));
  const everywhere = useMutation(
    trpc.account.signOutEverywhere.mutationOptions({
      onSuccess: () => {
        router.push("/sign-in");
        router.refresh();
      },
    }),
  );
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" pending={others.isPending} onClick={() => others.mutate({ keepCurrent: true })}>
          {t("signOutOthers")}
        </Button>
        <Button variant="danger" onClick={() => setConfirm(true)}>
          {t("signOutEverywhere")}
        </Button>
      </div>
      {others.data ? <Alert tone="success">{t("othersSignedOut", { count: others.data.revoked })}</Alert> : null}
      <ConfirmDialog
        open={confirm}
        onClose={() => setConfirm(false)}
        onConfirm={() => everywhere.mutate({ keepCurrent: false })}
        title={t("signOutEverywhereTitle")}
        description={t("signOutEverywhereBody")}
        confirmLabel={t("signOutEverywhere")}
        pending={everywhere.isPending}
      />
    </div>
  );
}
