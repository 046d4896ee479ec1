"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export type PlanOption = { id: string; name: string; priceMonthlyCents: number; currency: string };

/**
 * Upgrade and downgrade on the billing page. From Free, a paid plan is bought through Stripe
 * Checkout; once the organisation pays, every change (another plan, back to Free, the card) goes
 * through Stripe's Billing Portal, and Stripe's webhook moves the plan. Without Stripe configured
 * it says who assigns plans instead. `tenantSlug` is where both return to (the server builds the
 * links from APP_URL; the slug only names the organisation the request acts in).
 */
export function PlanActions({
  tenantSlug,
  currentPlanId,
  plans,
  billingConfigured,
}: {
  tenantSlug: string;
  currentPlanId: string;
  plans: PlanOption[];
  billingConfigured: boolean;
}) {
  const t = useTranslations("billing.actions");
  const format = useFormatter();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const [error, setError] = useState<string | null>(null);
  const go = {
    onSuccess: ({ url }: { url: string }) => window.location.assign(url),
    onError: (e: unknown) => setError(errorText(e) ?? t("failed")),
  };
  const checkout = useMutation(trpc.billing.checkout.mutationOptions(go));
  const portal = useMutation(trpc.billing.openPortal.mutationOptions(go));
  const pending = checkout.isPending || portal.isPending;

  if (!billingConfigured) {
    return (
      <Alert tone="info" title={t("notConfiguredTitle")}>
        {t("notConfigured")}
      </Alert>
    );
  }

  const current = plans.find((p) => p.id === currentPlanId);
  const paying = (current?.priceMonthlyCents ?? 0) > 0;
  const price = (p: PlanOption) =>
    p.priceMonthlyCents > 0
      ? t("perMonth", { price: format.number(p.priceMonthlyCents / 100, { style: "currency", currency: p.currency.toUpperCase() }) })
      : t("free");

  return (
    <section aria-label={t("label")} data-tenant={tenantSlug} className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ul className="flex flex-wrap gap-3">
        {plans
          .filter((p) => p.id !== currentPlanId)
          .map((p) => {
            const up = p.priceMonthlyCents > (current?.priceMonthlyCents ?? 0);
            const label = up ? t("upgradeTo", { plan: p.name }) : t("downgradeTo", { plan: p.name });
            return (
              <li key={p.id} className="flex items-center gap-2">
                <Button
                  variant={up ? "primary" : "secondary"}
                  pending={pending}
                  disabled={pending}
                  onClick={() => {
                    setError(null);
                    // Buying the first plan is Checkout; changing a paid one is Stripe's portal (it prorates and cancels).
                    if (!paying && p.priceMonthlyCents > 0) checkout.mutate({ planId: p.id });
                    else portal.mutate({});
                  }}
                >
                  {label}
                </Button>
                <span className="text-sm text-gray-600">{price(p)}</span>
              </li>
            );
          })}
      </ul>
      {paying ? (
        <Button variant="ghost" disabled={pending} onClick={() => portal.mutate({})}>
          {t("manage")}
        </Button>
      ) : null}
    </section>
  );
}
