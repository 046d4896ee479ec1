"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { useGuardLabels } from "./labels";

type Action = "allow" | "flag" | "redact" | "block";
type DetectorPolicy = { action: Action; threshold: number };
/** The threshold is kept as typed (a string) until saved, so a half-typed "0." is not rewritten. */
type Draft = Record<string, { action?: Action; threshold?: string }>;

const ACTIONS: Action[] = ["allow", "flag", "redact", "block"];
const DETECTORS = ["injection", "pii", "secrets", "harmful", "canary", "anomaly"] as const;

function draftOf(override: Record<string, Partial<DetectorPolicy> | undefined>): Draft {
  return Object.fromEntries(
    Object.entries(override).map(([d, o]) => [
      d,
      { action: o?.action, threshold: o?.threshold === undefined ? undefined : String(o.threshold) },
    ]),
  );
}

/** The draft as the API takes it: only what differs from "use the default"; a threshold that is not a number is sent as typed, for the server to refuse by field. */
function overrideOf(draft: Draft) {
  return Object.fromEntries(
    Object.entries(draft)
      .map(([d, o]) => {
        const entry: Record<string, unknown> = {};
        if (o.action) entry.action = o.action;
        if (o.threshold !== undefined && o.threshold.trim() !== "") {
          const n = Number(o.threshold);
          entry.threshold = Number.isFinite(n) ? n : o.threshold;
        }
        return [d, entry] as const;
      })
      .filter(([, e]) => Object.keys(e).length > 0),
  );
}

/**
 * The organisation's guard policy, detector by detector: an action and a threshold, each showing
 * the default it overrides. "Use the default" drops a detector's override; "Reset all" drops every
 * one (saved only when the user saves). Read-only for those who may not manage the guard.
 */
export function PolicyEditor({
  override,
  defaults,
  canEdit,
}: {
  override: Record<string, Partial<DetectorPolicy> | undefined>;
  defaults: Record<string, DetectorPolicy>;
  canEdit: boolean;
}) {
  const t = useTranslations("guardPolicy");
  const labels = useGuardLabels();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(() => draftOf(override));
  const [dirty, setDirty] = useState(false);
  const save = useMutation(
    trpc.guard.updatePolicy.mutationOptions({
      onSuccess: (view) => {
        setDraft(draftOf(view.override));
        setDirty(false);
        router.refresh();
      },
    }),
  );
  const fields = errorOf(save.error)?.fields ?? {};
  const change = (detector: string, patch: Partial<Draft[string]> | null) => {
    setDirty(true);
    save.reset();
    setDraft((d) => {
      const next = { ...d };
      if (patch === null) delete next[detector];
      else next[detector] = { ...next[detector], ...patch };
      return next;
    });
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(overrideOf(draft) as never);
      }}
      className="space-y-4"
    >
      {!canEdit ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-inset ring-slate-200">{t("readOnly")}</p>
      ) : null}
      <ul className="divide-y divide-slate-100">
        {DETECTORS.map((detector) => {
          const d = draft[detector] ?? {};
          const base = defaults[detector]!;
          const action = d.action ?? base.action;
          const threshold = d.threshold ?? String(base.threshold);
          const changed = d.action !== undefined || d.threshold !== undefined;
          const sliderValue = Number.isFinite(Number(threshold)) ? Math.min(1, Math.max(0, Number(threshold))) : base.threshold;
          const name = labels.detector(detector);
          const actionError = fields[`${detector}.action`];
          const thresholdError = fields[`${detector}.threshold`] ?? fields[detector];
          return (
            <li
              key={detector}
              className="grid gap-3 py-4 lg:grid-cols-[minmax(0,1fr)_10rem_minmax(0,16rem)_auto] lg:items-start"
              data-detector={detector}
            >
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
                  {name}
                  {changed ? <Badge tone="brand">{t("changed")}</Badge> : null}
                </p>
                <p className="mt-1 text-xs text-slate-600">{labels.detectorHelp(detector)}</p>
                <p className="mt-1 text-xs text-slate-500">
                  {t("defaultIs", { action: labels.action(base.action), threshold: base.threshold })}
                </p>
              </div>
              <div>
                <Select
                  aria-label={t("actionFor", { detector: name })}
                  value={action}
                  disabled={!canEdit}
                  aria-invalid={Boolean(actionError)}
                  onChange={(e) => change(detector, { action: e.target.value as Action })}
                >
                  {ACTIONS.map((a) => (
                    <option key={a} value={a}>
                      {labels.action(a)}
                    </option>
                  ))}
                </Select>
                <p className="mt-1 text-xs text-slate-500">{t(`actionHelp.${action}`)}</p>
                {actionError ? (
                  <p role="alert" className="mt-1 text-xs text-red-600">
                    {actionError}
                  </p>
                ) : null}
              </div>
              <div>
                <div className="flex items-center gap-2">
                  <input
                    type="range"
                    min={0}
                    max={1}
                    step={0.05}
                    value={sliderValue}
                    disabled={!canEdit}
                    aria-label={t("thresholdFor", { detector: name })}
                    onChange={(e) => change(detector, { threshold: e.target.value })}
                    className="min-w-0 flex-1 accent-brand-600"
                  />
                  <div className="w-20 shrink-0">
                    <Input
                      type="number"
                      inputMode="decimal"
                      min={0}
                      max={1}
                      step={0.01}
                      value={threshold}
                      disabled={!canEdit}
                      aria-label={t("thresholdFor", { detector: name })}
                      aria-invalid={Boolean(thresholdError)}
                      onChange={(e) => change(detector, { threshold: e.target.value })}
                      className="h-9"
                    />
                  </div>
                </div>
                {thresholdError ? (
                  <p role="alert" className="mt-1 text-xs text-red-600">
                    {thresholdError}
                  </p>
                ) : null}
              </div>
              <div className="lg:text-right">
                {canEdit && changed ? (
                  <Button variant="ghost" size="sm" onClick={() => change(detector, null)}>
                    {t("resetDetector")}
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {canEdit ? (
        <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 pt-4">
          <p role="status" className="mr-auto text-sm text-slate-600">
            {save.isSuccess && !dirty ? t("saved") : dirty ? t("unsaved") : null}
          </p>
          {save.error && Object.keys(fields).length === 0 ? (
            <p role="alert" className="text-sm text-red-600">
              {errorText(save.error)}
            </p>
          ) : null}
          <Button
            variant="secondary"
            onClick={() => {
              setDraft({});
              setDirty(true);
              save.reset();
            }}
            disabled={Object.keys(draft).length === 0}
          >
            {t("resetAll")}
          </Button>
          <Button type="submit" pending={save.isPending}>
            {t("save")}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
