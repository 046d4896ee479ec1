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
import { KeyBudgetFields, useKeyBudgetDraft } from "./key-budget-fields";
import type { KeyBudgetDto } from "@/server/billing/key-budget-input";

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
  const draft = useKeyBudgetDraft(budget);
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
            save.mutate({ id, budget: draft.input() });
          }}
        >
          <p className="text-sm text-slate-600">{t("budget.lead")}</p>
          <KeyBudgetFields draft={draft} errors={fields} />
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
