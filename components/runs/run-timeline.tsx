import { useTranslations } from "next-intl";
import { getFormatter, getTranslations } from "next-intl/server";
import { useGuardLabels } from "@/components/guard/labels";
import { Badge } from "@/components/ui/badge";
import type { GuardSummary, RunStepDto } from "@/server/runs/dto";
import { formatMicroUsd } from "./format";

type Tone = "neutral" | "brand" | "green" | "amber" | "red";
const STEP_TONE: Record<string, Tone> = { ok: "green", error: "red", blocked: "red", flagged: "amber", redacted: "amber", stopped: "red" };

/**
 * One finding, its type and reason named from the guard's catalogue (raw codes only when it has no
 * label). Not async, so it can use the shared useGuardLabels hook inside this async server tree.
 */
function FindingLine({ finding: f }: { finding: GuardSummary["findings"][number] }) {
  const t = useTranslations("runs");
  const labels = useGuardLabels();
  return (
    <li className="break-words">
      {t("detail.finding", {
        detector: t(`detail.detectors.${f.detector}`),
        type: labels.type(f.type),
        reason: f.reason === f.type ? "" : ` (${labels.reason(f.reason)})`,
        score: f.score.toFixed(2),
        start: f.start,
        end: f.end,
      })}
    </li>
  );
}

/** A guard verdict: what it decided, the trust score and its components, and every finding with its span. */
async function Verdict({ summary }: { summary: GuardSummary }) {
  const t = await getTranslations("runs");
  const components = Object.entries(summary.components).filter(([, value]) => value > 0);
  return (
    <div className="space-y-2 text-sm">
      <p className="text-slate-700">
        {t("detail.verdict", {
          action: t(`detail.actions.${summary.action}`),
          trust: summary.trustScore,
          risk: t(`risks.${summary.riskLevel}`),
        })}
      </p>
      {summary.findings.length === 0 ? (
        <p className="text-slate-500">{t("detail.noFindings")}</p>
      ) : (
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("detail.findings")}</p>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-700">
            {summary.findings.map((f, i) => (
              <FindingLine key={i} finding={f} />
            ))}
          </ul>
        </div>
      )}
      {components.length > 0 ? (
        <p className="text-xs text-slate-500">
          {t("detail.components")}:{" "}
          {components.map(([detector, value]) => `${t(`detail.detectors.${detector}`)} ${value.toFixed(2)}`).join(" · ")}
        </p>
      ) : null}
    </div>
  );
}

function asText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/** What a step adds beyond its numbers: a verdict, a fallback's reason, a tool's arguments and result, the sources a model used. */
async function StepDetail({ step }: { step: RunStepDto }) {
  const t = await getTranslations("runs.detail");
  const d = (step.detail ?? {}) as Record<string, unknown>;
  if (step.kind === "input_guard" || step.kind === "output_guard") return <Verdict summary={d as unknown as GuardSummary} />;
  if (step.kind === "fallback") {
    return (
      <p className="text-sm text-slate-700">
        {String(d.message ?? "")} — {d.next ? t("fallbackTo", { next: String(d.next) }) : t("fallbackNone")}
      </p>
    );
  }
  if (step.kind === "error") return <p className="text-sm text-red-700">{String(d.message ?? step.name ?? "")}</p>;
  if (step.kind === "tool_call") {
    return (
      <div className="space-y-2 text-sm">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("toolArgs")}</p>
          <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs">
            {asText(d.arguments)}
          </pre>
        </div>
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("toolOutput")}</p>
          <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs">
            {d.error ? String(d.error) : asText(d.summary ?? d.output)}
          </pre>
        </div>
      </div>
    );
  }
  const sources = Array.isArray(d.sources) ? (d.sources as { documentTitle: string; chunkId: string }[]) : [];
  const error = d.error as { message?: string } | undefined;
  return (
    <div className="space-y-1 text-sm text-slate-700">
      {error?.message ? <p className="text-red-700">{error.message}</p> : null}
      {sources.length > 0 ? (
        <p>
          {t("sources")}: {[...new Set(sources.map((s) => s.documentTitle))].join(" · ")}
        </p>
      ) : null}
    </div>
  );
}

/** The run's steps in order: guard verdicts with findings, model calls, tool calls and fallbacks with tokens, latency and cost. */
export async function RunTimeline({ steps }: { steps: RunStepDto[] }) {
  const t = await getTranslations("runs.detail");
  const format = await getFormatter();
  if (steps.length === 0) return <p className="px-5 py-6 text-sm text-slate-500">{t("noSteps")}</p>;
  return (
    <ol className="relative space-y-0">
      {steps.map((step) => (
        <li key={step.id} className="border-b border-slate-100 px-5 py-4 last:border-b-0">
          <div className="flex flex-wrap items-center gap-2">
            <span className="inline-flex h-6 w-6 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">
              {step.ordinal}
            </span>
            <span className="font-medium text-slate-900">{t(`steps.${step.kind}`)}</span>
            <Badge tone={STEP_TONE[step.status] ?? "neutral"}>
              {t.has(`stepStatus.${step.status}`) ? t(`stepStatus.${step.status}`) : step.status}
            </Badge>
            {step.name && step.kind !== "input_guard" && step.kind !== "output_guard" ? (
              <code className="break-all rounded bg-slate-50 px-1.5 py-0.5 text-xs text-slate-700">{step.name}</code>
            ) : null}
            <span className="ml-auto flex flex-wrap gap-x-3 text-xs tabular-nums text-slate-500">
              <span>{t("ms", { ms: format.number(step.latencyMs) })}</span>
              {step.inputTokens + step.outputTokens > 0 ? (
                <span>{t("tokensInOut", { input: format.number(step.inputTokens), output: format.number(step.outputTokens) })}</span>
              ) : null}
              {step.costMicros > 0 ? <span>{t("microUsd", { amount: formatMicroUsd(step.costMicros) })}</span> : null}
            </span>
          </div>
          <div className="mt-2 pl-8">
            <StepDetail step={step} />
          </div>
        </li>
      ))}
    </ol>
  );
}
