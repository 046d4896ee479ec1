import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CommentForm } from "@/components/incidents/comment-form";
import { IncidentEvidence } from "@/components/incidents/incident-evidence";
import { IncidentTitle } from "@/components/incidents/incident-title";
import { SeverityBadge, StatusBadge } from "@/components/incidents/badges";
import { StatusActions } from "@/components/incidents/status-actions";
import { UndoResponseButton } from "@/components/playbooks/undo-response-button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("incident");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function IncidentPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  if (!UUID.test(id)) notFound();
  const { caller, can } = await tenantAccess(slug);
  const t = await getTranslations("incidents");
  const tg = await getTranslations("guardPolicy");
  const tp = await getTranslations("playbooks");
  const format = await getFormatter();
  const incident = await load(caller.incidents.get({ id }));
  const base = `/t/${slug}`;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const runLink = (runId: string | null) =>
    runId ? (
      <Link href={`${base}/runs/${runId}`} className="font-mono text-brand-700 hover:underline">
        {runId.slice(0, 8)}
      </Link>
    ) : (
      "—"
    );
  const statusName = (s: string) => t(`statuses.${s}` as "statuses.open");
  // Automatic responses (playbooks): which were undone since, so only the others offer Undo.
  const undone = new Set(
    incident.activity.filter((a) => a.kind === "auto_response" && a.detail?.undone).map((a) => String(a.detail?.responseId)),
  );
  const autoResponse = (a: (typeof incident.activity)[number], who: string) => {
    const d = (a.detail ?? {}) as { rule?: string; observed?: number; windowMinutes?: number; undone?: boolean };
    const action = tp(`rules.${d.rule ?? "notify_admins"}` as "rules.notify_admins");
    return d.undone
      ? tp("timeline.undone", { who, action })
      : tp("timeline.acted", { action, observed: d.observed ?? 0, window: d.windowMinutes ?? 0 });
  };
  return (
    <div className="space-y-6">
      <div>
        <Link href={`${base}/incidents`} className="text-sm text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
        <div className="mt-2 flex flex-wrap items-end justify-between gap-4">
          <div className="min-w-0 space-y-2">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
              <IncidentTitle title={incident.title} />
            </h1>
            <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
              <SeverityBadge severity={incident.severity} />
              <StatusBadge status={incident.status} />
              <span>{t(`direction.${incident.direction}` as "direction.input")}</span>
              <span aria-hidden>·</span>
              <span>{tg(`actions.${incident.action}` as "actions.block")}</span>
              <span aria-hidden>·</span>
              <span>{t("occurrencesCount", { count: incident.occurrences })}</span>
            </div>
          </div>
          {can("incident:update") ? <StatusActions id={incident.id} status={incident.status} /> : null}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader title={t("evidence")} description={t("evidenceLead")} />
          <CardBody>
            <IncidentEvidence evidence={incident.evidence} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("details")} />
          <CardBody>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
              {incident.agentId ? (
                <>
                  <dt className="text-slate-500">{t("agent")}</dt>
                  <dd className="truncate">
                    <Link href={`${base}/agents/${incident.agentId}`} className="text-brand-700 hover:underline">
                      {incident.agentName ?? t("deletedAgent")}
                    </Link>
                  </dd>
                </>
              ) : null}
              {incident.apiKeyId ? (
                <>
                  <dt className="text-slate-500">{t("apiKey")}</dt>
                  <dd className="truncate">
                    <Link href={`${base}/api-keys`} className="text-brand-700 hover:underline">
                      {incident.apiKeyName ?? incident.apiKeyId.slice(0, 8)}
                    </Link>
                  </dd>
                </>
              ) : null}
              {incident.userEmail ? (
                <>
                  <dt className="text-slate-500">{t("user")}</dt>
                  <dd className="truncate">{incident.userEmail}</dd>
                </>
              ) : null}
              <dt className="text-slate-500">{t("firstRun")}</dt>
              <dd>{runLink(incident.firstRunId)}</dd>
              <dt className="text-slate-500">{t("lastRun")}</dt>
              <dd>{runLink(incident.lastRunId)}</dd>
              <dt className="text-slate-500">{t("opened")}</dt>
              <dd>{when(incident.createdAt)}</dd>
              <dt className="text-slate-500">{t("lastSeen")}</dt>
              <dd>{when(incident.lastSeenAt)}</dd>
            </dl>
          </CardBody>
        </Card>
      </div>

      <Card>
        <CardHeader title={t("timeline")} />
        <CardBody className="space-y-6">
          <ol className="space-y-4 border-l border-slate-200 pl-4">
            {incident.activity.map((a) => {
              const who = a.authorLabel ?? (a.authorType === "system" ? t("system") : t("someone"));
              const detail = (a.detail ?? {}) as { from?: string; to?: string; action?: string };
              const action = detail.action ? tg(`actions.${detail.action}` as "actions.block") : "";
              const line =
                a.kind === "status"
                  ? t("activity.status", { who, from: statusName(detail.from ?? ""), to: statusName(detail.to ?? "") })
                  : a.kind === "comment"
                    ? t("activity.comment", { who })
                    : a.kind === "opened"
                      ? t("activity.opened", { action })
                      : a.kind === "occurrence"
                        ? t("activity.occurrence", { action })
                        : a.kind === "auto_response"
                          ? autoResponse(a, who)
                          : t("activity.action");
              const responseId = a.kind === "auto_response" && !a.detail?.undone ? String(a.detail?.responseId ?? "") : "";
              const rule = String(a.detail?.rule ?? "");
              const undoable =
                responseId &&
                a.detail?.reversible === true &&
                !undone.has(responseId) &&
                can("playbook:manage") &&
                rule !== "notify_admins";
              return (
                <li key={a.id} className="relative" data-activity={a.kind}>
                  <span className="absolute -left-[1.35rem] top-1.5 size-2.5 rounded-full bg-slate-300 ring-2 ring-white" aria-hidden />
                  <p className="text-sm text-slate-800">
                    {line}
                    {a.runId ? <> · {runLink(a.runId)}</> : null}
                  </p>
                  <p className="text-xs text-slate-500">{when(a.createdAt)}</p>
                  {undoable ? (
                    <div className="mt-1">
                      <UndoResponseButton id={responseId} rule={rule as "suspend_api_key"} />
                    </div>
                  ) : null}
                  {a.body ? (
                    <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{a.body}</p>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {incident.activity.length >= 500 ? <p className="text-xs text-slate-500">{t("moreActivity", { count: 500 })}</p> : null}
          {can("incident:update") ? <CommentForm id={incident.id} /> : <p className="text-sm text-slate-500">{t("readOnly")}</p>}
        </CardBody>
      </Card>
    </div>
  );
}
