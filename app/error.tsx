"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Any page that failed to render: no stack, just a reference the operator can find in the logs. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-3 px-6 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">{t("errorTitle")}</h1>
      <p className="text-sm text-slate-600">{t("errorBody", { digest: error.digest ?? "—" })}</p>
      <Button variant="secondary" onClick={reset} className="mt-3">
        {t("retry")}
      </Button>
    </main>
  );
}
