import { useTranslations } from "next-intl";
import { HighlightedText } from "@/components/guard/highlighted-text";
import { useGuardLabels } from "@/components/guard/labels";
import { SeverityBadge } from "./badges";

type Evidence = {
  excerpt: string | null;
  truncatedBefore: boolean;
  truncatedAfter: boolean;
  findings: { detector: string; type: string; start: number | null; end: number | null; score: number; severity: string; reason: string }[];
};

/** The redacted excerpt with its findings highlighted, then each finding with its reason and the detector's explanation. */
export function IncidentEvidence({ evidence }: { evidence: Evidence }) {
  const t = useTranslations("incidents");
  const tv = useTranslations("guardPolicy.verdict");
  const labels = useGuardLabels();
  const detectors = [...new Set(evidence.findings.map((f) => f.detector))];
  return (
    <div className="space-y-4">
      {evidence.excerpt === null ? (
        <p className="text-sm italic text-slate-600">{t("noExcerpt")}</p>
      ) : (
        <div className="max-h-96 overflow-auto rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-evidence>
          <HighlightedText
            text={`${evidence.truncatedBefore ? t("truncated") : ""}${evidence.excerpt}${evidence.truncatedAfter ? t("truncated") : ""}`}
            spans={evidence.findings
              .filter((f) => f.start !== null && f.end !== null)
              .map((f) => {
                const shift = evidence.truncatedBefore ? t("truncated").length : 0;
                return { start: f.start! + shift, end: f.end! + shift, severity: f.severity, label: labels.type(f.type) };
              })}
          />
        </div>
      )}
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("findings")}</h3>
        <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {evidence.findings.map((f, i) => (
            <li key={i} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
              <SeverityBadge severity={f.severity} />
              <span className="font-medium text-slate-900">{labels.type(f.type)}</span>
              <span className="text-slate-500">{labels.detector(f.detector)}</span>
              {f.reason !== f.type ? <span className="text-slate-600">{labels.reason(f.reason)}</span> : null}
              <span className="ml-auto text-xs tabular-nums text-slate-500">{tv("score", { score: f.score.toFixed(2) })}</span>
              {labels.typeHelp(f.type) ? <p className="w-full text-xs text-slate-500">{labels.typeHelp(f.type)}</p> : null}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("explanation")}</h3>
        <dl className="space-y-2 text-sm">
          {detectors.map((d) => (
            <div key={d}>
              <dt className="font-medium text-slate-800">{labels.detector(d)}</dt>
              <dd className="text-slate-600">{labels.detectorHelp(d)}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
