import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { titled } from "@/app/page-title";
import { formatMicroUsd } from "@/components/runs/format";
import { RiskBadge, RunStatusBadge } from "@/components/runs/run-badges";
import { RunTimeline } from "@/components/runs/run-timeline";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { load, tenantAccess } from "@/server/http/rsc";

export const generateMetadata = titled("run");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 break-words text-sm text-slate-800">{children}</dd>
    </div>
  );
}

export default async function RunPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  if (!UUID.test(id)) notFound();
  const { caller, can } = await tenantAccess(slug);
  if (!can("run:read")) notFound();
  const [run, t, tErrors, format, locale] = await Promise.all([
    load(caller.runs.get({ id })),
    getTranslations("runs"),
    getTranslations("errors"),
    getFormatter(),
    getLocale(),
  ]);
  // The stored message is English (what an API caller was told); other languages read the catalogue's sentence for its code.
  const errorMessage = run.error && locale !== "en" && tErrors.has(run.error.code) ? tErrors(run.error.code) : run.error?.message;
  const base = `/t/${slug}`;

  return (
    <div className="space-y-6">
      <div>
        <Link href={`${base}/runs`} className="text-sm text-brand-700 hover:underline">
          ← {t("detail.back")}
        </Link>
      </div>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {t("detail.title")} <RunStatusBadge status={run.status} /> <RiskBadge level={run.riskLevel} />
          </span>
        }
        description={format.dateTime(new Date(run.createdAt), { dateStyle: "full", timeStyle: "medium" })}
        actions={
          <div className="flex flex-wrap gap-2">
            {/* The incident this run opened or joined; its page links back to the run. */}
            {can("incident:read")
              ? run.incidentIds.map((incidentId) => (
                  <Link key={incidentId} href={`${base}/incidents/${incidentId}`} className={buttonClasses("secondary", "sm")}>
                    {t("detail.incident")}
                  </Link>
                ))
              : null}
            {can("event:read") ? (
              <Link href={`${base}/runs/${run.id}/events`} className={buttonClasses("secondary", "sm")}>
                {t("detail.events")}
              </Link>
            ) : null}
            {can("run:create") ? (
              <Link
                href={`${base}/agents/${run.agentId}/playground${run.conversationId ? `?conversation=${run.conversationId}` : ""}`}
                className={buttonClasses("secondary", "sm")}
              >
                {t("detail.openPlayground")}
              </Link>
            ) : null}
          </div>
        }
      />

      {run.error ? (
        <Alert tone={run.status === "blocked" ? "error" : "warning"} title={t("detail.error")}>
          {errorMessage} <code className="text-xs">({run.error.code})</code>
        </Alert>
      ) : null}

      <Card>
        <CardHeader title={t("detail.summary")} />
        <CardBody>
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Fact label={t("agent")}>
              {t("detail.agentVersion", { name: run.agentName ?? t("unknownAgent"), version: run.agentVersion })}
            </Fact>
            <Fact label={t("model")}>{run.provider && run.model ? `${run.provider}/${run.model}` : "—"}</Fact>
            <Fact label={t("trust")}>{run.trustScore ?? "—"}</Fact>
            <Fact label={t("detail.startedBy")}>{t(`detail.actors.${run.actorType}`)}</Fact>
            <Fact label={t("tokens")}>
              {t("detail.tokensInOut", { input: format.number(run.inputTokens), output: format.number(run.outputTokens) })}
            </Fact>
            <Fact label={t("cost")}>{t("detail.microUsd", { amount: formatMicroUsd(run.costMicros) })}</Fact>
            <Fact label={t("latency")}>{run.latencyMs === null ? "—" : t("detail.ms", { ms: format.number(run.latencyMs) })}</Fact>
            <Fact label={t("detail.streamed")}>{run.streamed ? "✓" : "—"}</Fact>
          </dl>
          <div className="mt-6 grid gap-4 lg:grid-cols-2">
            <div>
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("input")}</p>
              <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 text-sm text-slate-800">{run.input}</p>
            </div>
            <div>
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t("output")}</p>
              <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 text-sm text-slate-800">
                {run.output ?? <span className="text-slate-500">{t("detail.noOutput")}</span>}
              </p>
            </div>
          </div>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("detail.timeline")} description={t("detail.timelineLead")} />
        <RunTimeline steps={run.steps} />
      </Card>
    </div>
  );
}
