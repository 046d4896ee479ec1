"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { CopyableValue } from "@/components/ui/copyable-value";
import { Dialog } from "@/components/ui/dialog";

/** The inbound webhook secret, shown once (after creating the workflow or rotating the secret). */
export function HookSecretDialog({ secret, hookUrl, onClose }: { secret: string | null; hookUrl: string; onClose: () => void }) {
  const t = useTranslations("workflows.editor");
  return (
    <Dialog open={secret !== null} onClose={onClose} title={t("secretTitle")} description={t("secretBody")}>
      <div className="space-y-3">
        <CopyableValue value={secret ?? ""} testId="hook-secret" />
        <p className="text-sm font-medium text-slate-800">{t("hookUrl")}</p>
        <CopyableValue value={hookUrl} />
        <div className="flex justify-end">
          <Button type="button" onClick={onClose}>
            {t("continue")}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
