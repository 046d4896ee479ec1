"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * "Verify chain": walks the whole hash chain on the server and says either how many entries
 * hold, or which entry is the first broken link and why. The verification is itself audited,
 * so the list is refreshed afterwards to show its entry.
 */
export function VerifyChain() {
  const t = useTranslations("audit.verify");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const verify = useMutation(trpc.audit.verify.mutationOptions({ onSuccess: () => router.refresh() }));
  const verdict = verify.data;
  const failure = errorOf(verify.error);
  const checkedAt = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-xl text-sm text-slate-600">{t("lead")}</p>
        <Button variant="secondary" onClick={() => verify.mutate()} pending={verify.isPending}>
          {verify.isPending ? t("running") : t("button")}
        </Button>
      </div>
      {failure ? (
        <Alert tone="error" title={t("failed")}>
          {failure.message}
        </Alert>
      ) : null}
      {verdict?.ok ? (
        <Alert tone="success" title={t("okTitle")}>
          {verdict.checked === 0
            ? t("okEmpty", { at: checkedAt(verdict.verifiedAt) })
            : t("okBody", { checked: verdict.checked, lastSeq: verdict.lastSeq, at: checkedAt(verdict.verifiedAt) })}
        </Alert>
      ) : null}
      {verdict && !verdict.ok && verdict.firstBroken ? (
        <Alert tone="error" title={t("brokenTitle", { seq: verdict.firstBroken.seq })}>
          <p>{t(`reasons.${verdict.firstBroken.reason}`)}</p>
          {verdict.firstBroken.id ? (
            <p className="mt-1">
              {t("brokenId")} <code className="font-mono text-xs">{verdict.firstBroken.id}</code>
            </p>
          ) : null}
          <p className="mt-1">{t("brokenChecked", { checked: verdict.checked })}</p>
        </Alert>
      ) : null}
    </div>
  );
}
