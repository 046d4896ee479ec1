"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { Field, Input } from "@/components/ui/field";

const KEY_STORAGE = "agentry.try-it.key";

export type TryItSpec = {
  method: string;
  path: string;
  serverUrl: string;
  pathParams: string[];
  queryParams: string[];
  exampleBody?: string;
};

type Answer = { status: number; body: string } | { error: string };

function urlFor(spec: TryItSpec, values: Record<string, string>) {
  const path = spec.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
  const query = new URLSearchParams(spec.queryParams.filter((name) => values[name]).map((name) => [name, values[name]!]));
  // Same origin as the page, whatever host the document names: the key goes nowhere else.
  return `${new URL(spec.serverUrl).pathname}${path}${query.size > 0 ? `?${query}` : ""}`;
}

/**
 * Calls one endpoint with an API key the reader pastes. The key stays in this tab (session
 * storage) and is sent only to this server; cookies are left out, so the answer is what a
 * program holding that key would get.
 */
export function TryIt({ spec }: { spec: TryItSpec }) {
  const t = useTranslations("apiDocs.tryIt");
  const bodyId = useId();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const [body, setBody] = useState(spec.exampleBody ?? "");
  const [pending, setPending] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);

  if (!open) {
    return (
      <Button
        variant="secondary"
        size="sm"
        onClick={() => {
          setKey(sessionStorage.getItem(KEY_STORAGE) ?? "");
          setOpen(true);
        }}
      >
        {t("open")}
      </Button>
    );
  }

  const send = async () => {
    setPending(true);
    setAnswer(null);
    try {
      const response = await fetch(urlFor(spec, values), {
        method: spec.method,
        credentials: "omit",
        headers: {
          authorization: `Bearer ${key.trim()}`,
          ...(spec.exampleBody !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: spec.exampleBody !== undefined ? body : undefined,
      });
      const text = await response.text();
      let pretty = text;
      try {
        pretty = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        // Not JSON: show it as it came.
      }
      setAnswer({ status: response.status, body: pretty });
    } catch {
      setAnswer({ error: t("networkError") });
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="space-y-3 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <Field label={t("key")} hint={t("keyHint")}>
        {(p) => (
          <Input
            {...p}
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            placeholder="agt_…"
            value={key}
            onChange={(e) => {
              setKey(e.target.value);
              sessionStorage.setItem(KEY_STORAGE, e.target.value);
            }}
          />
        )}
      </Field>
      {[...spec.pathParams, ...spec.queryParams].map((name) => (
        <Field key={name} label={name}>
          {(p) => (
            <Input
              {...p}
              required={spec.pathParams.includes(name)}
              value={values[name] ?? ""}
              onChange={(e) => setValues({ ...values, [name]: e.target.value })}
            />
          )}
        </Field>
      ))}
      {spec.exampleBody !== undefined ? (
        <div className="space-y-1.5">
          <label htmlFor={bodyId} className="block text-sm font-medium text-slate-800">
            {t("body")}
          </label>
          <textarea
            id={bodyId}
            rows={Math.min(8, body.split("\n").length + 1)}
            className="block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        </div>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" pending={pending} disabled={!key.trim()}>
          {pending ? t("sending") : t("send", { method: spec.method })}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
          {t("close")}
        </Button>
      </div>
      {answer ? (
        "error" in answer ? (
          <p role="alert" className="text-sm text-red-600">
            {answer.error}
          </p>
        ) : (
          <div className="space-y-1" aria-live="polite">
            <p className="text-sm font-medium text-slate-800">{t("status", { status: answer.status })}</p>
            <CodeBlock label={t("response")} className="max-h-80 overflow-y-auto">
              {answer.body || t("empty")}
            </CodeBlock>
          </div>
        )
      ) : null}
    </form>
  );
}
