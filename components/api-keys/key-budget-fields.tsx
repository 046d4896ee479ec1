"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Field, Input, Select } from "@/components/ui/field";
import type { KeyBudgetDto, KeyBudgetInput } from "@/server/billing/key-budget-input";

/** What an input holds → what is sent: empty is "no budget"; anything else is sent as typed (the server validates). */
const amount = (text: string): number | null => (text.trim() === "" ? null : Number(text));
/** Cost is typed in dollars and kept in micro-dollars. */
const micros = (text: string): number | null => (text.trim() === "" ? null : Math.round(Number(text) * 1_000_000));
const shown = (value: number | null) => (value == null ? "" : String(value));

export const NO_BUDGET: KeyBudgetDto = { runs: null, tokens: null, costMicros: null, period: "month" };

/** The budget as typed so far; `input()` is what the server is sent (it validates, the fields only shape). */
export function useKeyBudgetDraft(initial: KeyBudgetDto) {
  const [runs, setRuns] = useState(shown(initial.runs));
  const [tokens, setTokens] = useState(shown(initial.tokens));
  const [cost, setCost] = useState(initial.costMicros == null ? "" : String(initial.costMicros / 1_000_000));
  const [period, setPeriod] = useState(initial.period);
  return {
    runs,
    setRuns,
    tokens,
    setTokens,
    cost,
    setCost,
    period,
    setPeriod,
    /** True when every amount is empty: nothing to cap. */
    empty: runs.trim() === "" && tokens.trim() === "" && cost.trim() === "",
    input: (): KeyBudgetInput => ({ runs: amount(runs), tokens: amount(tokens), costMicros: micros(cost), period }),
    reset: () => {
      setRuns(shown(initial.runs));
      setTokens(shown(initial.tokens));
      setCost(initial.costMicros == null ? "" : String(initial.costMicros / 1_000_000));
      setPeriod(initial.period);
    },
  };
}

export type KeyBudgetDraft = ReturnType<typeof useKeyBudgetDraft>;

/**
 * The budget's period and amounts, shared by the budget dialog and the create dialog so both
 * send the same shape and show the server's field errors (`budget.runs`, …) in the same place.
 */
export function KeyBudgetFields({ draft, errors }: { draft: KeyBudgetDraft; errors: Record<string, string> }) {
  const t = useTranslations("apiKeys");
  return (
    <>
      <Field label={t("budget.period")}>
        {(p) => (
          <Select {...p} value={draft.period} onChange={(e) => draft.setPeriod(e.target.value as "day" | "month")}>
            <option value="day">{t("budget.perDay")}</option>
            <option value="month">{t("budget.perMonth")}</option>
          </Select>
        )}
      </Field>
      <Field label={t("budget.runs")} hint={t("budget.emptyHint")} error={errors["budget.runs"]}>
        {(p) => <Input {...p} type="number" min={0} step={1} value={draft.runs} onChange={(e) => draft.setRuns(e.target.value)} />}
      </Field>
      <Field label={t("budget.tokens")} hint={t("budget.emptyHint")} error={errors["budget.tokens"]}>
        {(p) => <Input {...p} type="number" min={0} step={1} value={draft.tokens} onChange={(e) => draft.setTokens(e.target.value)} />}
      </Field>
      <Field label={t("budget.cost")} hint={t("budget.emptyHint")} error={errors["budget.costMicros"]}>
        {(p) => <Input {...p} type="number" min={0} step="any" value={draft.cost} onChange={(e) => draft.setCost(e.target.value)} />}
      </Field>
    </>
  );
}
