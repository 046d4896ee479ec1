"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { VerdictView } from "./verdict-view";

const MAX_BYTES = 32 * 1024;

/** "Try the guard": scans pasted text with the saved policy (guard.scan, stateless) and shows the verdict. */
export function TryGuard() {
  const t = useTranslations("guardPolicy.try");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [direction, setDirection] = useState<"input" | "output">("input");
  const scan = useMutation(trpc.guard.scan.mutationOptions());
  const bytes = new TextEncoder().encode(text).length;
  const tooLarge = bytes > MAX_BYTES;
  return (
    <div className="space-y-4">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!tooLarge && text.trim()) scan.mutate({ text, direction });
        }}
      >
        <div className="space-y-1.5">
          <label htmlFor="guard-try-text" className="block text-sm font-medium text-slate-800">
            {t("text")}
          </label>
          <textarea
            id="guard-try-text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={5}
            placeholder={t("placeholder")}
            aria-invalid={tooLarge}
            aria-describedby="guard-try-limit"
            className="block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
          />
          <p id="guard-try-limit" className={tooLarge ? "text-xs text-red-600" : "text-xs text-slate-500"}>
            {tooLarge ? t("tooLarge") : t("limit", { used: bytes, max: MAX_BYTES })}
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <div className="space-y-1.5">
            <label htmlFor="guard-try-direction" className="block text-sm font-medium text-slate-800">
              {t("direction")}
            </label>
            <Select
              id="guard-try-direction"
              value={direction}
              onChange={(e) => setDirection(e.target.value as "input" | "output")}
              className="w-auto"
            >
              <option value="input">{t("directions.input")}</option>
              <option value="output">{t("directions.output")}</option>
            </Select>
          </div>
          <Button type="submit" pending={scan.isPending} disabled={tooLarge || !text.trim()}>
            {t("scan")}
          </Button>
        </div>
        {scan.error ? (
          <p role="alert" className="text-sm text-red-600">
            {errorText(scan.error)}
          </p>
        ) : null}
      </form>
      {scan.data && scan.variables ? (
        <section aria-live="polite" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <VerdictView verdict={scan.data} text={scan.variables.text} />
        </section>
      ) : null}
    </div>
  );
}
