"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import type { KeyBudgetDto } from "@/server/billing/key-budget-input";

/** What an input holds → what is sent: empty is "no budget"; anything else is sent as typed (the server validates). */
const amount = (text: string): number | null => (text.trim() === "" ? null : Number(text));
/** Cost is typed in dollars and kept in micro-dollars. */
const micros = (text: string): number | null => (text.trim() === "" ? null : Math.round(Number(text) * 1_000_000));
const shown = (value: number | null) => (value == null ? "" : String(value));

/**
 * An API key's budgets (runs, tokens, cost per day or month), for owners and admins. They apply
 * together with the plan's quotas: whichever is reached first stops the key.
 */
export function KeyBudgetDialog({ id, name, budget }: { id: string; name: string; budget: KeyBudgetDto }) {
  const t = useTranslations("apiKeys");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [runs, setRuns] = useState(shown(budget.runs));
  const [tokens, setTokens] = useState(shown(budget.tokens));
  const [cost, setCost] = useState(budget.costMicros == null ? "" : String(budget.costMicros / 1_000_000));
  const [period, setPeriod] = useState(budget.period);
  const save = useMutation(
    trpc.apiKeys.setBudget.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
    }),
  );
  const fields = errorOf(save.error)?.fields ?? {};
  return (
    <>
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`${t("budget.edit")} ${name}`}>
        {t("budget.edit")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("budget.title", { name })}>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ id, budget: { runs: amount(runs), tokens: amount(tokens), costMicros: micros(cost), period } });
          }}
        >
          <p className="text-sm text-slate-600">{t("budget.lead")}</p>
          <Field label={t("budget.period")}>
            {(p) => (
              <Select {...p} value={period} onChange={(e) => setPeriod(e.target.value as "day" | "month")}>
                <option value="day">{t("budget.perDay")}</option>
                <option value="month">{t("budget.perMonth")}</option>
              </Select>
            )}
          </Field>
          <Field label={t("budget.runs")} hint={t("budget.emptyHint")} error={fields["budget.runs"]}>
            {(p) => <Input {...p} type="number" min={0} step={1} value={runs} onChange={(e) => setRuns(e.target.value)} />}
          </Field>
          <Field label={t("budget.tokens")} hint={t("budget.emptyHint")} error={fields["budget.tokens"]}>
            {(p) => <Input {...p} type="number" min={0} step={1} value={tokens} onChange={(e) => setTokens(e.target.value)} />}
          </Field>
          <Field label={t("budget.cost")} hint={t("budget.emptyHint")} error={fields["budget.costMicros"]}>
            {(p) => <Input {...p} type="number" min={0} step="any" value={cost} onChange={(e) => setCost(e.target.value)} />}
          </Field>
          {save.error && Object.keys(fields).length === 0 ? <Alert tone="error">{errorText(save.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t("budget.cancel")}
            </Button>
            <Button type="submit" pending={save.isPending}>
              {t("budget.save")}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
