import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { ComponentBars } from "./component-bars";
import { HighlightedText } from "./highlighted-text";
import { ACTION_TONE, SEVERITY_TONE, useGuardLabels } from "./labels";

/** The verdict's shape as the API returns it (server/guard `Verdict`), kept structural so any caller's DTO fits. */
export type VerdictLike = {
  action: string;
  riskLevel: string;
  trustScore: number;
  components: Record<string, number>;
  findings: { detector: string; type: string; start: number; end: number; score: number; severity: string; reason: string }[];
  redacted: string;
  latencyMs?: number;
};

const DETECTOR_ORDER = ["injection", "pii", "secrets", "harmful", "canary", "anomaly"];

/**
 * A guard verdict, explained: the outcome and risk level, the trust score with the per-detector
 * risk that made it, each finding with its reason, the text with the findings highlighted (when
 * the original `text` is given — spans are offsets into it) and what passes on (`redacted`).
 * Server- or client-rendered alike; used by the guard page's "try the guard" box, and meant for
 * run detail and the playground too.
 */
export function VerdictView({
  verdict,
  text,
  compact = false,
  className,
}: {
  verdict: VerdictLike;
  text?: string;
  compact?: boolean;
  className?: string;
}) {
  const t = useTranslations("guardPolicy.verdict");
  const labels = useGuardLabels();
  const blocking =
    verdict.action === "block" ? (verdict.findings.find((f) => f.severity === verdict.riskLevel) ?? verdict.findings[0]) : null;
  const score = Math.round(verdict.trustScore);
  return (
    <div className={cn("space-y-5", className)} data-verdict={verdict.action}>
      <div className="flex flex-wrap items-center gap-3">
        <Badge tone={ACTION_TONE[verdict.action] ?? "neutral"}>{t(`outcome.${verdict.action}` as "outcome.allow")}</Badge>
        <Badge tone={SEVERITY_TONE[verdict.riskLevel] ?? "neutral"}>{t("riskLevel", { level: labels.severity(verdict.riskLevel) })}</Badge>
        {verdict.latencyMs !== undefined ? (
          <span className="text-xs text-slate-500">{t("latency", { ms: verdict.latencyMs.toFixed(2) })}</span>
        ) : null}
      </div>
      {blocking ? (
        <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
          {t("blockedBecause", {
            reason:
              blocking.reason === blocking.type
                ? labels.type(blocking.type)
                : `${labels.type(blocking.type)} — ${labels.reason(blocking.reason)}`,
          })}
        </p>
      ) : null}

      <div className={cn("grid gap-5", compact ? "" : "md:grid-cols-[10rem_1fr]")}>
        <div className="flex items-center gap-3 md:flex-col md:items-start">
          <p className="text-sm font-medium text-slate-700">{t("trustScore")}</p>
          <p className="text-4xl font-semibold tabular-nums text-slate-900" aria-label={t("trustScoreOf", { score })}>
            {score}
            <span className="text-base font-normal text-slate-500">/100</span>
          </p>
        </div>
        <div>
          <p className="mb-2 text-sm font-medium text-slate-700">{t("components")}</p>
          <ComponentBars
            items={DETECTOR_ORDER.filter((d) => d in verdict.components).map((d) => ({
              key: d,
              label: labels.detector(d),
              value: verdict.components[d] ?? 0,
            }))}
            format={(v) => String(Math.round(v * 100))}
          />
        </div>
      </div>

      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("findings")}</h3>
        {verdict.findings.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noFindings")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
            {verdict.findings.map((f, i) => (
              <li key={`${f.detector}-${f.start}-${i}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
                <Badge tone={SEVERITY_TONE[f.severity] ?? "neutral"}>{labels.severity(f.severity)}</Badge>
                <span className="font-medium text-slate-900">{labels.type(f.type)}</span>
                <span className="text-slate-500">{labels.detector(f.detector)}</span>
                {f.reason !== f.type ? <span className="text-slate-600">{labels.reason(f.reason)}</span> : null}
                <span className="ml-auto text-xs tabular-nums text-slate-500">
                  {t("score", { score: f.score.toFixed(2) })} · {t("at", { start: f.start, end: f.end })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>

      {text !== undefined && verdict.findings.length > 0 ? (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("highlighted")}</h3>
          <div className="max-h-72 overflow-auto rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
            <HighlightedText
              text={text}
              spans={verdict.findings.map((f) => ({ start: f.start, end: f.end, severity: f.severity, label: labels.type(f.type) }))}
            />
          </div>
        </div>
      ) : null}
      {verdict.redacted && (verdict.action === "redact" || text === undefined || verdict.redacted !== text) ? (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("redacted")}</h3>
          <div className="max-h-72 overflow-auto rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
            <p className="whitespace-pre-wrap break-words font-mono text-sm text-slate-800">{verdict.redacted}</p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
