"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";

/** A signing secret, shown the one time the server returns it (creation, rotation). */
export function SecretOnce({ secret }: { secret: string }) {
  const t = useTranslations("webhooks");
  return (
    <div className="space-y-3">
      <Alert tone="warning" title={t("secretTitle")}>
        {t("secretBody")}
      </Alert>
      <div className="flex items-center gap-2">
        <code data-testid="webhook-secret" className="flex-1 break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm">
          {secret}
        </code>
        <CopyButton value={secret} />
      </div>
      <p className="text-xs text-slate-500">{t("secretVerify")}</p>
    </div>
  );
}
