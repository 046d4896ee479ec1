"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { useFieldError } from "@/components/auth/form-error";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

export type LimitKey =
  "runsPerMonth" | "tokensPerMonth" | "agents" | "seats" | "retentionDays" | "apiKeyRequestsPerMinute" | "tenantRequestsPerMinute";

/** The order the editor shows; which may be "unlimited" (the plan catalogue's nullable limits). */
const FIELDS: { key: LimitKey; nullable: boolean }[] = [
  { key: "runsPerMonth", nullable: true },
  { key: "tokensPerMonth", nullable: true },
  { key: "agents", nullable: true },
  { key: "seats", nullable: true },
  { key: "retentionDays", nullable: false },
  { key: "apiKeyRequestsPerMinute", nullable: false },
  { key: "tenantRequestsPerMinute", nullable: false },
];

type Limits = Partial<Record<LimitKey, number | null>>;
type Row = { value: string; unlimited: boolean };

/**
 * The operator's exceptions to a tenant's plan. Blank = the plan's value (shown as the
 * placeholder); "Unlimited" is an explicit choice. What was typed goes to the server as typed
 * when it is not a number, so the server's 400 names the field rather than the browser guessing.
 */
export function OverridesEditor({ tenantId, plan, overrides }: { tenantId: string; plan: Limits; overrides: Limits }) {
  const t = useTranslations("admin");
  const format = useFormatter();
  const errorText = useErrorText();
  const fieldError = useFieldError();
  const trpc = useTRPC();
  const router = useRouter();
  const [rows, setRows] = useState<Record<LimitKey, Row>>(
    () =>
      Object.fromEntries(
        FIELDS.map(({ key }) => {
          const has = key in overrides;
          const v = overrides[key];
          return [key, { value: has && v !== null && v !== undefined ? String(v) : "", unlimited: has && v === null }];
        }),
      ) as Record<LimitKey, Row>,
  );
  const [reason, setReason] = useState("");
  const save = useMutation(
    trpc.admin.setOverrides.mutationOptions({
      onSuccess: () => {
        setReason("");
        router.refresh();
      },
    }),
  );
  const fields = errorOf(save.error)?.fields ?? {};
  const planValue = (key: LimitKey) => (plan[key] === null || plan[key] === undefined ? t("unlimited") : format.number(plan[key]));

  const payload = () => {
    const out: Record<string, unknown> = {};
    for (const { key, nullable } of FIELDS) {
      const row = rows[key];
      if (nullable && row.unlimited) out[key] = null;
      else if (row.value.trim() !== "") {
        const n = Number(row.value.trim());
        out[key] = Number.isFinite(n) ? n : row.value;
      }
    }
    return out;
  };

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ tenantId, reason, overrides: payload() as never });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map(({ key, nullable }) => (
          <div key={key} className="space-y-1.5">
            <Field
              label={t(`limits.${key}`)}
              hint={t("planValue", { value: planValue(key) })}
              error={fieldError(fields[`overrides.${key}`])}
            >
              {(p) => (
                <Input
                  {...p}
                  name={key}
                  inputMode="numeric"
                  value={rows[key].value}
                  disabled={rows[key].unlimited}
                  placeholder={planValue(key)}
                  onChange={(e) => setRows((r) => ({ ...r, [key]: { ...r[key], value: e.target.value } }))}
                />
              )}
            </Field>
            {nullable ? (
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  checked={rows[key].unlimited}
                  onChange={(e) => setRows((r) => ({ ...r, [key]: { ...r[key], unlimited: e.target.checked } }))}
                />
                {t("unlimitedFor", { limit: t(`limits.${key}`) })}
              </label>
            ) : null}
          </div>
        ))}
      </div>
      <Field label={t("reason")} hint={t("reasonHint")} error={fieldError(fields.reason)}>
        {(p) => <Input {...p} name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {save.error && Object.keys(fields).length === 0 ? <Alert tone="error">{errorText(save.error)}</Alert> : null}
      {save.error && Object.keys(fields).length > 0 ? <Alert tone="error">{t("fixFields")}</Alert> : null}
      {save.isSuccess ? <Alert tone="success">{t("overridesSaved")}</Alert> : null}
      <Button type="submit" pending={save.isPending}>
        {t("saveOverrides")}
      </Button>
    </form>
  );
}
