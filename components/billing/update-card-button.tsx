"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";

/** The payment-failed banner's action: Stripe's billing portal, where the card is replaced. */
export function UpdateCardButton() {
  const t = useTranslations("billing.banner");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const [error, setError] = useState<string | null>(null);
  const portal = useMutation(
    trpc.billing.openPortal.mutationOptions({
      onSuccess: ({ url }) => window.location.assign(url),
      onError: (e) => setError(errorText(e) ?? t("portalFailed")),
    }),
  );
  return (
    <span className="mt-2 flex flex-wrap items-center gap-3">
      <Button variant="secondary" pending={portal.isPending} disabled={portal.isPending} onClick={() => portal.mutate({})}>
        {t("action")}
      </Button>
      {error ? <span className="text-sm">{error}</span> : null}
    </span>
  );
}
