"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** Starts a run with a JSON input and opens its page. */
export function StartRunForm({ workflowId, runBase, example }: { workflowId: string; runBase: string; example: string }) {
  const t = useTranslations("workflows.detail");
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useErrorText();
  const start = useMutation(trpc.workflows.startRun.mutationOptions());
  const [text, setText] = useState(example);
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      className="space-y-3"
      onSubmit={async (event) => {
        event.preventDefault();
        let input: unknown;
        try {
          input = JSON.parse(text || "{}");
        } catch {
          input = null;
        }
        if (!input || typeof input !== "object" || Array.isArray(input)) return setInvalid(true);
        setInvalid(false);
        const run = await start.mutateAsync({ id: workflowId, input: input as Record<string, unknown> });
        router.push(`${runBase}/${run.id}`);
      }}
    >
      <Field label={t("inputLabel")} hint={t("startHint")} error={invalid ? t("badJson") : null}>
        {(p) => (
          <textarea
            {...p}
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className="block w-full rounded-md border-0 px-3 py-2 font-mono text-xs shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
          />
        )}
      </Field>
      {start.error ? <Alert tone="error">{errorText(start.error)}</Alert> : null}
      <Button type="submit" pending={start.isPending}>
        {start.isPending ? t("starting") : t("start")}
      </Button>
    </form>
  );
}
