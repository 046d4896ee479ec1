import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import type { PaymentProblem } from "@/server/billing/billing-overview-dto";
import { UpdateCardButton } from "./update-card-button";

/**
 * Dunning, said plainly: when the payment failed, until when the plan is kept, what happens then,
 * and where to fix it. Shown on the billing page and in the portal frame for owners and admins.
 */
export async function PaymentBanner({
  problem,
  billingHref,
  portal = false,
}: {
  problem: NonNullable<PaymentProblem>;
  /** Where "Update your card" leads from another page: the billing page. */
  billingHref: string;
  /** On the billing page: a button that opens Stripe's billing portal instead. */
  portal?: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations("billing.banner"), getFormatter()]);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long", timeZone: "UTC" });
  return (
    <Alert tone="error" title={t("title")}>
      <p data-testid="payment-failed-banner">
        {problem.graceUntil
          ? t("body", { failedAt: when(problem.failedAt), graceUntil: when(problem.graceUntil) })
          : t("bodyNoGrace", { failedAt: when(problem.failedAt) })}{" "}
        {portal ? null : (
          <Link href={billingHref} className="font-medium underline underline-offset-2">
            {t("action")}
          </Link>
        )}
      </p>
      {portal ? <UpdateCardButton /> : null}
    </Alert>
  );
}
