import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import type { PaymentProblem } from "@/server/billing/billing-overview-dto";

/**
 * Dunning, said plainly: when the payment failed, until when the plan is kept, what happens then,
 * and where to fix it. Shown on the billing page and in the portal frame for owners and admins.
 */
export async function PaymentBanner({ problem, billingHref }: { problem: NonNullable<PaymentProblem>; billingHref: string }) {
  const [t, format] = await Promise.all([getTranslations("billing.banner"), getFormatter()]);
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long", timeZone: "UTC" });
  return (
    <Alert tone="error" title={t("title")}>
      <p data-testid="payment-failed-banner">
        {problem.graceUntil
          ? t("body", { failedAt: when(problem.failedAt), graceUntil: when(problem.graceUntil) })
          : t("bodyNoGrace", { failedAt: when(problem.failedAt) })}{" "}
        <Link href={billingHref} className="font-medium underline underline-offset-2">
          {t("action")}
        </Link>
      </p>
    </Alert>
  );
}
