"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import type { Permission } from "@/server/tenancy/permissions";
import { KeyBudgetFields, NO_BUDGET, useKeyBudgetDraft } from "./key-budget-fields";

const EXPIRY_DAYS = [30, 90, 365] as const;

/** The two choices most keys want; any other set is picked below. Both stay within the creator's own permissions. */
const PRESETS = {
  readOnly: (grantable: Permission[]) => grantable.filter((p) => p.endsWith(":read")),
  full: (grantable: Permission[]) => grantable,
} as const;

/**
 * Create a key: name, scopes (only those the creator holds are offered), expiry and — for those
 * who manage billing — an optional budget. The secret is shown once, in a second step that
 * cannot be re-opened.
 */
export function CreateKeyDialog({ grantable, apiBase, canSetBudget }: { grantable: Permission[]; apiBase: string; canSetBudget: boolean }) {
  const t = useTranslations("apiKeys");
  const tPerm = useTranslations("permissions");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Set<string>>(new Set(PRESETS.readOnly(grantable)));
  const [expiry, setExpiry] = useState<string>("90");
  const budget = useKeyBudgetDraft(NO_BUDGET);
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: () => router.refresh() }));
  const [confirmingClose, setConfirmingClose] = useState(false);
  const close = () => {
    setOpen(false);
    setConfirmingClose(false);
    setName("");
    budget.reset();
    create.reset();
  };
  const fields = errorOf(create.error)?.fields ?? {};
  const secret = create.data?.secret;
  // The secret cannot be shown again: closing by Esc asks first ("I have stored it" is the answer).
  const requestClose = () => (secret ? setConfirmingClose(true) : close());
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("create")}</Button>
      <Dialog open={open} onClose={requestClose} title={secret ? t("secretTitle") : t("createTitle")}>
        {secret ? (
          <div className="space-y-4">
            <Alert tone="warning">{t("secretBody")}</Alert>
            <div className="flex items-center gap-2">
              <code data-testid="api-key-secret" className="flex-1 break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm">
                {secret}
              </code>
              <CopyButton value={secret} />
            </div>
            <div>
              <p className="mb-1 text-sm text-slate-600">{t("secretUsage")}</p>
              <CodeBlock label={t("secretUsage")}>{`curl -H "Authorization: Bearer ${secret}" ${apiBase}/tenant`}</CodeBlock>
            </div>
            {confirmingClose ? (
              <Alert tone="warning" title={t("closeSecretTitle")}>
                <p>{t("closeSecretBody")}</p>
                <div className="mt-3 flex flex-wrap justify-end gap-2">
                  <Button variant="secondary" size="sm" onClick={() => setConfirmingClose(false)} autoFocus>
                    {t("keepOpen")}
                  </Button>
                  <Button variant="danger" size="sm" onClick={close}>
                    {t("closeSecret")}
                  </Button>
                </div>
              </Alert>
            ) : (
              <div className="flex justify-end">
                <Button onClick={close}>{t("done")}</Button>
              </div>
            )}
          </div>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              create.mutate({
                name,
                scopes: [...scopes],
                expiresInDays: expiry === "never" ? null : Number(expiry),
                // All amounts empty: no budget at all (nothing to write or audit).
                ...(canSetBudget && !budget.empty ? { budget: budget.input() } : {}),
              });
            }}
          >
            <Field label={t("name")} hint={t("nameHint")} error={fields.name}>
              {(p) => <Input {...p} value={name} required maxLength={80} autoFocus onChange={(e) => setName(e.target.value)} />}
            </Field>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-slate-800">{t("scopes")}</legend>
              <p className="text-xs text-slate-500">{t("scopesHint")}</p>
              <div className="flex flex-wrap gap-2" role="group" aria-label={t("presets")}>
                {(Object.keys(PRESETS) as (keyof typeof PRESETS)[]).map((preset) => {
                  const chosen = PRESETS[preset](grantable);
                  const active = chosen.length === scopes.size && chosen.every((p) => scopes.has(p));
                  return (
                    <Button
                      key={preset}
                      size="sm"
                      variant={active ? "primary" : "secondary"}
                      aria-pressed={active}
                      onClick={() => setScopes(new Set(chosen))}
                    >
                      {t(`preset.${preset}`)}
                    </Button>
                  );
                })}
              </div>
              <div className="grid max-h-64 gap-1 overflow-y-auto sm:grid-cols-2">
                {grantable.map((permission) => (
                  <label key={permission} className="flex items-start gap-2 rounded px-2 py-1.5 text-sm hover:bg-slate-50">
                    <input
                      type="checkbox"
                      className="mt-0.5 size-4 rounded border-slate-300 text-brand-600"
                      checked={scopes.has(permission)}
                      onChange={(e) => {
                        const next = new Set(scopes);
                        if (e.target.checked) next.add(permission);
                        else next.delete(permission);
                        setScopes(next);
                      }}
                    />
                    <span>
                      <span className="font-mono text-xs text-slate-900">{permission}</span>
                      <span className="block text-xs text-slate-500">{tPerm(permission)}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <Field label={t("expiry")}>
              {(p) => (
                <Select {...p} value={expiry} onChange={(e) => setExpiry(e.target.value)}>
                  {EXPIRY_DAYS.map((days) => (
                    <option key={days} value={String(days)}>
                      {t("expiryDays", { days })}
                    </option>
                  ))}
                  <option value="never">{t("expiryNever")}</option>
                </Select>
              )}
            </Field>
            {canSetBudget ? (
              <fieldset className="space-y-4">
                <legend className="text-sm font-medium text-slate-800">{t("budget.optional")}</legend>
                <p className="text-xs text-slate-500">{t("budget.createLead")}</p>
                <KeyBudgetFields draft={budget} errors={fields} />
              </fieldset>
            ) : null}
            {create.error ? <Alert tone="error">{errorText(create.error)}</Alert> : null}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                {tCommon("cancel")}
              </Button>
              <Button type="submit" pending={create.isPending} disabled={!name || scopes.size === 0}>
                {create.isPending ? t("creating") : t("create")}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
