"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { TRPCClientError } from "@trpc/client";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import type { QuotaDetails } from "@/server/errors";

const QUOTA_CODES = new Set(["quota_exceeded", "api_key_budget_exceeded"]);

type Envelope = { code?: string; details?: Record<string, unknown> };

/**
 * The 402 details (server/errors.ts QuotaDetails) of a failed call — a tRPC mutation's error or a
 * REST error body's `error` — or null when it is not a quota refusal.
 */
export function quotaDetailsOf(error: unknown): QuotaDetails | null {
  const envelope: Envelope | undefined =
    error instanceof TRPCClientError
      ? (error.data as { error?: Envelope } | undefined)?.error
      : ((error as Envelope | null | undefined) ?? undefined);
  if (!envelope?.code || !QUOTA_CODES.has(envelope.code) || !envelope.details) return null;
  const d = envelope.details as Partial<QuotaDetails>;
  return typeof d.limit === "number" && typeof d.metric === "string" && typeof d.scope === "string" ? (d as QuotaDetails) : null;
}

/**
 * A plan limit (or an API key's budget) reached, said plainly in the reader's language, with the
 * way out: the billing page to upgrade the plan, or the API keys page for a key's budget.
 */
export function QuotaExceededAlert({ details }: { details: QuotaDetails }) {
  const t = useTranslations("errors");
  const format = useFormatter();
  const { tenant } = useParams<{ tenant: string }>();
  const resets = details.resetsAt ? format.dateTime(new Date(details.resetsAt), { dateStyle: "medium" }) : "";
  const limit =
    details.metric === "cost"
      ? format.number(details.limit / 1_000_000, { style: "currency", currency: "USD" })
      : format.number(details.limit);
  const values = { limit, used: format.number(details.used), resets };
  const tenantScope = details.scope === "tenant";
  const text = tenantScope
    ? t(`quota_${details.metric as "runs" | "tokens" | "agents" | "seats"}`, values)
    : t(`quota_key_${details.metric as "runs" | "tokens" | "cost"}`, values);
  return (
    <Alert tone="error" title={tenantScope ? t("quota_title") : t("quota_key_title")}>
      <p data-testid="quota-exceeded">{text}</p>
      <Link
        href={tenantScope ? `/t/${tenant}/billing` : `/t/${tenant}/api-keys`}
        className={`${buttonClasses(tenantScope ? "primary" : "secondary", "sm")} mt-2`}
      >
        {tenantScope ? t("quota_upgrade") : t("quota_manage_keys")}
      </Link>
    </Alert>
  );
}
