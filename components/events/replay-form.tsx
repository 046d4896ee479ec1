"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input } from "@/components/ui/field";

/** `<input type="datetime-local">` says no zone; the portal shows UTC, so the form reads it as UTC. */
const utc = (value: string) => (value ? new Date(`${value.length === 16 ? `${value}:00` : value}Z`) : null);

/**
 * Replay in two steps: preview (how many events, by type — a count of zero or one above the bound
 * says so plainly and offers nothing to confirm), then confirm, which copies them into the outbox.
 * Changing the range or the types forgets the preview, so what is confirmed is what was counted.
 */
export function ReplayForm({ families, eventsHref }: { families: string[]; eventsHref: string }) {
  const t = useTranslations("events.replay");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [types, setTypes] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const input = () => ({ from: utc(from)!, to: utc(to)!, types });
  const preview = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...trpc.events.previewReplay.queryOptions(input()), staleTime: 0 }),
  });
  const replay = useMutation(trpc.events.replay.mutationOptions({ onSuccess: () => setConfirming(false) }));
  const changed = () => {
    preview.reset();
    replay.reset();
  };
  const ready = Boolean(utc(from) && utc(to));
  const result = preview.data;

  return (
    <div className="space-y-5">
      <form
        className="space-y-4"
        aria-label={t("formLabel")}
        onSubmit={(e) => {
          e.preventDefault();
          replay.reset();
          if (ready) preview.mutate();
        }}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("from")} hint={t("utcHint")}>
            {(p) => (
              <Input
                {...p}
                type="datetime-local"
                required
                value={from}
                onChange={(e) => {
                  setFrom(e.target.value);
                  changed();
                }}
              />
            )}
          </Field>
          <Field label={t("to")} hint={t("utcHint")}>
            {(p) => (
              <Input
                {...p}
                type="datetime-local"
                required
                value={to}
                onChange={(e) => {
                  setTo(e.target.value);
                  changed();
                }}
              />
            )}
          </Field>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{t("types")}</legend>
          <p className="text-xs text-slate-500">{t("typesHint")}</p>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {families.map((family) => (
              <label key={family} className="flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300"
                  checked={types.includes(family)}
                  onChange={(e) => {
                    setTypes((list) => (e.target.checked ? [...list, family] : list.filter((x) => x !== family)));
                    changed();
                  }}
                />
                <code className="font-mono text-xs">{family}*</code>
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" variant="secondary" pending={preview.isPending} disabled={!ready}>
          {t("preview")}
        </Button>
      </form>

      {preview.error ? <Alert tone="error">{errorText(preview.error)}</Alert> : null}
      {result && result.count === 0 ? (
        <Alert tone="warning" title={t("emptyTitle")}>
          {t("emptyBody")}
        </Alert>
      ) : null}
      {result?.tooMany ? (
        <Alert tone="warning" title={t("tooManyTitle", { max: result.max })}>
          {t("tooManyBody", { max: result.max })}
        </Alert>
      ) : null}
      {result && result.count > 0 && !result.tooMany && !replay.data ? (
        <div className="space-y-3 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
          <p className="text-sm font-medium text-slate-900">{t("previewCount", { count: result.count })}</p>
          <ul className="grid gap-1 text-xs text-slate-600 sm:grid-cols-2">
            {result.byType.map((row) => (
              <li key={row.type}>
                <code className="font-mono">{row.type}</code> · {row.count}
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-500">{t("newDeliveries")}</p>
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t("replayCount", { count: result.count })}
          </Button>
        </div>
      ) : null}
      {replay.data ? (
        <Alert tone="success" title={t("doneTitle", { count: replay.data.count })}>
          <Link href={`${eventsHref}?correlationId=${encodeURIComponent(replay.data.correlationId)}`} className="underline">
            {t("doneLink")}
          </Link>
        </Alert>
      ) : null}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => replay.mutate(input())}
        title={t("confirmTitle", { count: result?.count ?? 0 })}
        description={t("confirmBody")}
        confirmLabel={t("confirm")}
        pending={replay.isPending}
        error={replay.error ? errorText(replay.error) : null}
      />
    </div>
  );
}
