"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useGuardLabels } from "@/components/guard/labels";
import { QuotaExceededAlert, quotaDetailsOf } from "@/components/quotas/quota-exceeded-alert";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { readEventStream } from "./sse-reader";

type Finding = { detector: string; type: string; reason: string };
type GuardSide = { action: string; findings: Finding[] } | undefined;
type RunPayload = {
  id: string;
  status: string;
  output: string | null;
  error: { code: string; message: string } | null;
  guard: { input?: GuardSide; output?: GuardSide } | null;
};

export type PlaygroundTurn = {
  key: string;
  input: string;
  answer: string;
  state: "streaming" | "completed" | "blocked" | "failed";
  runId: string | null;
  error: { code: string; message: string; details?: Record<string, unknown> } | null;
  /** What the guard flagged or redacted (a passed run with a warning), or why it blocked. */
  findings: Finding[];
  action: string | null;
  sources: string[];
};

const MAX_INPUT_BYTES = 32 * 1024;

function newConversationId(): string {
  return crypto.randomUUID();
}

/** The strongest guard action of a run and the findings behind it (input side first: a blocked input never reached the model). */
function guardOutcome(run: RunPayload | null): { action: string | null; findings: Finding[] } {
  const sides = [run?.guard?.input, run?.guard?.output].filter((s): s is NonNullable<GuardSide> => Boolean(s));
  const rank = ["allow", "flag", "redact", "block"];
  let action: string | null = null;
  const findings: Finding[] = [];
  for (const side of sides) {
    if (side.action !== "allow") findings.push(...side.findings);
    if (action === null || rank.indexOf(side.action) > rank.indexOf(action)) action = side.action;
  }
  return { action, findings };
}

/**
 * The playground: a chat with one agent where every message is a run, streamed from
 * `POST /api/v1/agents/{id}/runs` as Server-Sent Events with the session cookie (same origin, so
 * the API's CSRF rule lets it through; the organisation goes in x-agentry-tenant). Text appears
 * only as the guard releases it; a blocked input or answer shows the guard's reason. The
 * conversation id ties the turns together, so the agent sees the earlier ones.
 */
export function Playground({
  slug,
  agentId,
  initialConversationId,
  initialTurns,
  disabledReason,
}: {
  slug: string;
  agentId: string;
  initialConversationId: string | null;
  initialTurns: PlaygroundTurn[];
  disabledReason: string | null;
}) {
  const t = useTranslations("runs.playground");
  const tRuns = useTranslations("runs");
  const tErrors = useTranslations("errors");
  const guardLabels = useGuardLabels();
  const [conversationId, setConversationId] = useState<string>(() => initialConversationId ?? newConversationId());
  const [turns, setTurns] = useState<PlaygroundTurn[]>(initialTurns);
  const [input, setInput] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const transcript = useRef<HTMLDivElement>(null);

  useEffect(() => {
    transcript.current?.scrollTo({ top: transcript.current.scrollHeight });
  }, [turns]);

  useEffect(() => () => abort.current?.abort(), []);

  const update = useCallback((key: string, change: (turn: PlaygroundTurn) => PlaygroundTurn) => {
    setTurns((all) => all.map((turn) => (turn.key === key ? change(turn) : turn)));
  }, []);

  const errorText = (error: { code: string; message: string }) => (tErrors.has(error.code) ? tErrors(error.code) : error.message);

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const text = input.trim();
    if (!text || pending) return;
    if (new TextEncoder().encode(text).length > MAX_INPUT_BYTES) {
      setProblem(t("tooLong"));
      return;
    }
    setProblem(null);
    const key = `${Date.now()}-${Math.random()}`;
    setTurns((all) => [
      ...all,
      { key, input: text, answer: "", state: "streaming", runId: null, error: null, findings: [], action: null, sources: [] },
    ]);
    setInput("");
    setPending(true);
    const controller = new AbortController();
    abort.current = controller;
    try {
      const res = await fetch(`/api/v1/agents/${agentId}/runs`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", accept: "text/event-stream", "x-agentry-tenant": slug },
        body: JSON.stringify({ input: text, conversationId }),
        signal: controller.signal,
      });
      if (!res.ok || !res.body || !(res.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
        const body = (await res.json().catch(() => null)) as {
          error?: { code: string; message: string; details?: Record<string, unknown> };
        } | null;
        const error = body?.error ?? { code: "run_failed", message: tErrors("generic") };
        update(key, (turn) => ({ ...turn, state: "failed", error }));
        return;
      }
      await readEventStream(res.body, (name, data) => {
        if (name === "run") update(key, (turn) => ({ ...turn, runId: (data as { id: string }).id }));
        else if (name === "delta") update(key, (turn) => ({ ...turn, answer: turn.answer + (data as { text: string }).text }));
        else if (name === "step") {
          const step = data as { kind: string; detail?: { sources?: { documentTitle: string }[] } };
          const titles = step.kind === "model_call" ? (step.detail?.sources ?? []).map((s) => s.documentTitle) : [];
          if (titles.length) update(key, (turn) => ({ ...turn, sources: [...new Set([...turn.sources, ...titles])] }));
        } else if (name === "done" || name === "error") {
          const payload = data as { run: RunPayload | null; code?: string; message?: string };
          const outcome = guardOutcome(payload.run);
          update(key, (turn) => ({
            ...turn,
            state: name === "done" ? "completed" : payload.run?.status === "blocked" ? "blocked" : "failed",
            answer: name === "done" && payload.run?.output != null ? payload.run.output : turn.answer,
            error: name === "error" ? { code: payload.code ?? "run_failed", message: payload.message ?? "" } : null,
            action: outcome.action,
            findings: outcome.findings,
          }));
        }
      });
    } catch (error) {
      const stopped = controller.signal.aborted;
      update(key, (turn) => ({
        ...turn,
        state: "failed",
        error: { code: stopped ? "client_disconnected" : "run_failed", message: stopped ? t("stopped") : String(error) },
      }));
    } finally {
      update(key, (turn) =>
        turn.state === "streaming" ? { ...turn, state: "failed", error: turn.error ?? { code: "run_failed", message: "" } } : turn,
      );
      abort.current = null;
      setPending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  function startOver() {
    abort.current?.abort();
    setTurns([]);
    setConversationId(newConversationId());
  }

  const reasons = (findings: Finding[]) =>
    [...new Set(findings.map((f) => `${tRuns(`detail.detectors.${f.detector}`)} (${guardLabels.reason(f.reason)})`))].join("; ");

  return (
    <div className="flex flex-col gap-4">
      <div
        ref={transcript}
        aria-live="polite"
        aria-busy={pending}
        className="max-h-[60vh] min-h-64 space-y-4 overflow-y-auto rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      >
        {turns.length === 0 ? <p className="py-10 text-center text-sm text-slate-500">{t("empty")}</p> : null}
        {turns.map((turn) => (
          <div key={turn.key} className="space-y-2" data-testid="turn" data-state={turn.state}>
            <div className="ml-auto max-w-[85%] rounded-lg bg-brand-50 px-3 py-2 text-sm text-slate-900">
              <span className="sr-only">{t("you")}: </span>
              <p className="whitespace-pre-wrap break-words">{turn.input}</p>
            </div>
            <div className="max-w-[85%] space-y-2 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-900 ring-1 ring-slate-200">
              <span className="sr-only">{t("agent")}: </span>
              {turn.answer ? <p className="whitespace-pre-wrap break-words">{turn.answer}</p> : null}
              {turn.state === "streaming" ? <p className="text-slate-500">{t("sending")}</p> : null}
              {turn.state === "blocked" ? (
                <Alert tone="error" title={t("blocked")}>
                  {turn.error ? errorText(turn.error) : null}
                  {turn.findings.length ? <span className="block">{t("why", { reasons: reasons(turn.findings) })}</span> : null}
                </Alert>
              ) : null}
              {turn.state === "failed" && turn.error && quotaDetailsOf(turn.error) ? (
                <QuotaExceededAlert details={quotaDetailsOf(turn.error)!} />
              ) : null}
              {turn.state === "failed" && turn.error && !quotaDetailsOf(turn.error) ? (
                <Alert tone="warning" title={t("failed")}>
                  {errorText(turn.error)}
                </Alert>
              ) : null}
              {turn.state === "completed" && (turn.action === "flag" || turn.action === "redact") ? (
                <Alert tone="warning" title={turn.action === "flag" ? t("flagged") : t("redacted")}>
                  {t("why", { reasons: reasons(turn.findings) })}
                </Alert>
              ) : null}
              {/* The documents the model was given. An answer that already lists them all (the local
                  model ends with its own "Sources: [1] …" block) needs no second list. */}
              {turn.sources.length && !turn.sources.every((title) => turn.answer.includes(title)) ? (
                <p className="flex flex-wrap items-center gap-1 text-xs text-slate-600" data-testid="turn-sources">
                  {t("sources")}:{" "}
                  {turn.sources.map((title) => (
                    <Badge key={title}>{title}</Badge>
                  ))}
                </p>
              ) : null}
              {turn.runId && turn.state !== "streaming" ? (
                <Link href={`/t/${slug}/runs/${turn.runId}`} className="inline-block text-xs text-brand-700 hover:underline">
                  {t("viewRun")}
                </Link>
              ) : null}
            </div>
          </div>
        ))}
      </div>

      {disabledReason ? (
        <Alert tone="warning" title={disabledReason} />
      ) : (
        <form onSubmit={send} className="space-y-2">
          <label htmlFor="playground-input" className="sr-only">
            {t("inputLabel")}
          </label>
          <textarea
            id="playground-input"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            onKeyDown={onKeyDown}
            rows={3}
            placeholder={t("placeholder")}
            aria-invalid={Boolean(problem)}
            aria-describedby={problem ? "playground-problem" : undefined}
            className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500"
          />
          {problem ? (
            <p id="playground-problem" role="alert" className="text-sm text-red-600">
              {problem}
            </p>
          ) : null}
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Button type="button" variant="ghost" size="sm" onClick={startOver} disabled={turns.length === 0 && !pending}>
              {t("newConversation")}
            </Button>
            <div className="flex gap-2">
              {pending ? (
                <Button type="button" variant="secondary" onClick={() => abort.current?.abort()}>
                  {t("stop")}
                </Button>
              ) : null}
              <Button type="submit" pending={pending} disabled={!input.trim()}>
                {pending ? t("sending") : t("send")}
              </Button>
            </div>
          </div>
        </form>
      )}
    </div>
  );
}
