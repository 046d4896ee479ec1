import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ArchiveAgentButton } from "@/components/agents/archive-agent-button";
import { ChangeStatusDialog } from "@/components/agents/change-status-dialog";
import { AgentStatusBadge } from "@/components/agents/status-badge";
import { ProviderHealthCard } from "@/components/provider-keys/provider-health-card";
import { Alert } from "@/components/ui/alert";
import { CursorPager } from "@/components/ui/cursor-pager";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { AGENT_STATUSES, TEMPLATE_IDS } from "@/server/agents/constants";
import type { AgentConfigDto } from "@/server/agents/dto";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("agent");

const VERSIONS_PAGE = 10;
const HEALTH_WINDOW_HOURS = 24;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export default async function AgentPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<{ versions?: string }>;
}) {
  const { tenant: slug, id } = await params;
  const { versions: versionsCursor } = await searchParams;
  if (!UUID.test(id)) notFound();
  const { caller, can } = await tenantAccess(slug);
  if (!can("agent:read")) notFound();
  const [agent, versions, options, health, t, tForm, format] = await Promise.all([
    load(caller.agents.get({ id })),
    load(caller.agents.versions({ id, limit: VERSIONS_PAGE, cursor: versionsCursor })),
    load(caller.agents.formOptions({})),
    load(caller.providerHealth.get({ id, windowHours: HEALTH_WINDOW_HOURS })),
    getTranslations("agents"),
    getTranslations("agents.form"),
    getFormatter(),
  ]);
  const base = `/t/${slug}`;
  const archived = agent.archivedAt !== null;
  const c = agent.config;
  const credentialName = (credentialId: string | null) => {
    if (!credentialId) return "—";
    const key = options.credentials.find((k) => k.id === credentialId);
    return key ? `${key.name} (…${key.hint})` : credentialId;
  };
  const modelLine = (ref: AgentConfigDto["model"]) => `${tForm(`providers.${ref.provider}`)} · ${ref.model}`;
  const collectionName = (collectionId: string) => options.collections.find((x) => x.id === collectionId)?.name ?? collectionId;
  const template = TEMPLATE_IDS.find((x) => x === c.template);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="break-all">{agent.name}</span>
            <AgentStatusBadge status={agent.status} archived={archived} />
          </span>
        }
        description={agent.description || undefined}
        actions={
          archived ? null : (
            <div className="flex flex-wrap gap-2">
              {can("agent:update") ? (
                <>
                  <Link href={`${base}/agents/${agent.id}/edit`} className={buttonClasses("primary")}>
                    {t("detail.edit")}
                  </Link>
                  <ChangeStatusDialog id={agent.id} name={agent.name} status={agent.status} statuses={AGENT_STATUSES} />
                </>
              ) : null}
              {can("agent:archive") ? <ArchiveAgentButton id={agent.id} name={agent.name} listHref={`${base}/agents`} /> : null}
            </div>
          )
        }
      />

      {archived ? <Alert tone="warning">{t("detail.archivedNotice", { date: date(agent.archivedAt!) })}</Alert> : null}
      {!archived && agent.status !== "active" && agent.statusReason ? (
        <Alert tone="warning" title={t(`statuses.${agent.status}`)}>
          {t("detail.statusReason", { reason: agent.statusReason })}
        </Alert>
      ) : null}

      {/*
        Runs slot. The runs engineer owns the playground and run list pages these link to, and the
        providers engineer adds a "Provider health" card below this one (error rate and latency per
        provider from recent runs): render it here, between "Runs" and "Configuration".
      */}
      <Card>
        <CardHeader title={t("detail.activity")} description={t("detail.activityLead")} />
        <CardBody className="flex flex-wrap gap-2">
          {!archived && agent.status === "active" ? (
            <Link href={`${base}/agents/${agent.id}/playground`} className={buttonClasses("secondary", "sm")}>
              {t("detail.playground")}
            </Link>
          ) : null}
          <Link href={`${base}/runs?agent=${agent.id}`} className={buttonClasses("secondary", "sm")}>
            {t("detail.recentRuns")}
          </Link>
        </CardBody>
      </Card>

      <ProviderHealthCard models={[c.model, ...c.fallbacks]} health={health.items} windowHours={HEALTH_WINDOW_HOURS} />

      <Card>
        <CardHeader title={t("detail.configuration")} description={t("detail.currentVersion", { version: agent.currentVersion })} />
        <CardBody>
          <dl className="divide-y divide-slate-100">
            <Row label={t("detail.model")}>{modelLine(c.model)}</Row>
            {c.model.provider !== "local" ? <Row label={t("detail.credential")}>{credentialName(c.model.credentialId)}</Row> : null}
            <Row label={t("detail.fallbacks")}>
              {c.fallbacks.length === 0 ? (
                "—"
              ) : (
                <ol className="list-decimal space-y-0.5 pl-5">
                  {c.fallbacks.map((f, i) => (
                    <li key={i}>{modelLine(f)}</li>
                  ))}
                </ol>
              )}
            </Row>
            <Row label={t("detail.temperature")}>{c.temperature}</Row>
            <Row label={t("detail.maxTokens")}>{format.number(c.maxTokens)}</Row>
            <Row label={t("detail.tools")}>
              {c.tools.length === 0 ? "—" : c.tools.map((tool) => tForm(`toolNames.${tool}` as "toolNames.calculator")).join(", ")}
            </Row>
            <Row label={t("detail.collections")}>
              {c.knowledgeCollectionIds.length === 0 ? t("detail.allCollections") : c.knowledgeCollectionIds.map(collectionName).join(", ")}
            </Row>
            <Row label={t("detail.guard")}>
              {c.guardPolicy ? (
                <ul className="space-y-0.5">
                  {Object.entries(c.guardPolicy).map(([detector, o]) => (
                    <li key={detector}>
                      {tForm(`detectors.${detector}` as "detectors.pii")}:{" "}
                      {[
                        o.action ? tForm(`actions.${o.action}` as "actions.block") : null,
                        o.threshold !== undefined ? `≥ ${o.threshold}` : null,
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </li>
                  ))}
                </ul>
              ) : (
                t("detail.noOverrides")
              )}
            </Row>
            {template ? <Row label={t("detail.template")}>{t(`templates.${template}.name`)}</Row> : null}
            <Row label={t("detail.created")}>{date(agent.createdAt)}</Row>
            <Row label={t("detail.instructions")}>
              {c.instructions ? (
                <pre className="max-h-80 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-3 font-mono text-xs text-slate-800">
                  {c.instructions}
                </pre>
              ) : (
                <span className="text-slate-500">{t("detail.noInstructions")}</span>
              )}
            </Row>
          </dl>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("detail.versions")} description={t("detail.versionsLead")} />
        <Table caption={t("detail.versionCaption")}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t("detail.versionCol")}</Th>
              <Th>{t("detail.savedAt")}</Th>
              <Th>{t("detail.changes")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {versions.items.map((v) => (
              <tr key={v.version} data-testid={`agent-version-${v.version}`}>
                <Td className="whitespace-nowrap font-medium">
                  {t("versionNumber", { version: v.version })}
                  {v.version === agent.currentVersion ? <span className="ml-2 text-xs text-slate-500">({t("detail.current")})</span> : null}
                </Td>
                <Td className="whitespace-nowrap">{date(v.createdAt)}</Td>
                <Td>
                  <p>
                    {v.version === 1
                      ? t("detail.firstVersion")
                      : v.changedFields.map((f) => t(`detail.fields.${f}` as "detail.fields.name")).join(", ")}
                  </p>
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-brand-700">{t("detail.showConfig")}</summary>
                    <pre className="mt-2 max-h-72 max-w-[80vw] overflow-auto rounded bg-slate-50 p-3 font-mono text-xs sm:max-w-xl">
                      {JSON.stringify(v.config, null, 2)}
                    </pre>
                  </details>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <CursorPager
          label={t("detail.versions")}
          firstHref={versionsCursor ? `${base}/agents/${agent.id}` : null}
          nextHref={versions.nextCursor ? `${base}/agents/${agent.id}?versions=${encodeURIComponent(versions.nextCursor)}` : null}
          firstLabel={<>← {t("detail.newestVersions")}</>}
          nextLabel={<>{t("detail.olderVersions")} →</>}
        />
      </Card>
    </div>
  );
}
