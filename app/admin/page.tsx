import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import Link from "next/link";
import { DailyChart, PlansChart } from "@/components/admin/figures-charts";
import { ResetLinkForm } from "@/components/admin/reset-link-form";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { load, requireUser, serverCaller } from "@/server/http/rsc";
import { titled } from "../page-title";

export const generateMetadata = titled("adminOverview");

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** The installation at a glance: organisations, runs and incidents per day, MRR, the event pipeline. */
export default async function AdminOverviewPage() {
  const user = await requireUser("/admin");
  if (!user.isPlatformAdmin) notFound();
  const caller = await serverCaller();
  const figures = await load(caller.admin.figures());
  const [t, format] = await Promise.all([getTranslations("admin"), getFormatter()]);
  const n = (v: number) => format.number(v);
  const money = (cents: number) => format.number(cents / 100, { style: "currency", currency: "USD" });
  const { pipeline } = figures;
  const lagging = pipeline.undelivered > 0 && (pipeline.oldestUndeliveredAgeSeconds ?? 0) > 60;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("lead")}
        actions={
          <Link href="/admin/tenants" className={buttonClasses("secondary", "sm")}>
            {t("allTenants")}
          </Link>
        }
      />
      <section aria-labelledby="figures-heading" className="mb-6">
        <h2 id="figures-heading" className="sr-only">
          {t("figuresTitle")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          <Stat label={t("statTenants")} value={n(figures.tenants.total)} testId="stat-tenants" />
          <Stat label={t("statActive")} value={n(figures.tenants.active)} testId="stat-active" />
          <Stat label={t("statSuspended")} value={n(figures.tenants.suspended)} testId="stat-suspended" />
          <Stat label={t("statMrr")} value={money(figures.mrrCents)} testId="stat-mrr" />
          <Stat label={t("statOpenIncidents")} value={n(figures.openIncidents)} testId="stat-open-incidents" />
        </dl>
        <p className="mt-2 text-xs text-slate-500">{t("mrrNote")}</p>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title={t("runsPerDay")} description={t("last30Days")} />
          <CardBody>
            <DailyChart data={figures.daily} series="runs" label={t("runsPerDay")} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("incidentsPerDay")} description={t("last30Days")} />
          <CardBody>
            <DailyChart data={figures.daily} series="incidents" label={t("incidentsPerDay")} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("tenantsByPlan")} />
          <CardBody>
            <PlansChart data={figures.tenants.byPlan} label={t("tenantsByPlan")} />
          </CardBody>
          <Table caption={t("tenantsByPlan")}>
            <thead>
              <tr>
                <Th>{t("plan")}</Th>
                <Th className="text-right">{t("statuses.active")}</Th>
                <Th className="text-right">{t("statuses.suspended")}</Th>
                <Th className="text-right">{t("statuses.deleted")}</Th>
                <Th className="text-right">{t("mrr")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {figures.tenants.byPlan.map((p) => (
                <tr key={p.planId}>
                  <Td>{p.planName}</Td>
                  <Td className="text-right tabular-nums">{n(p.active)}</Td>
                  <Td className="text-right tabular-nums">{n(p.suspended)}</Td>
                  <Td className="text-right tabular-nums">{n(p.deleted)}</Td>
                  <Td className="text-right tabular-nums">{money(p.mrrCents)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card>
          <CardHeader title={t("pipelineTitle")} description={t("pipelineLead")} />
          <CardBody>
            <dl className="grid grid-cols-2 gap-4 text-sm">
              <div>
                <dt className="text-slate-500">{t("outboxUndelivered")}</dt>
                <dd className="mt-1 flex items-center gap-2 text-lg font-semibold tabular-nums" data-testid="pipeline-undelivered">
                  {n(pipeline.undelivered)}
                  {lagging ? <Badge tone="amber">{t("lagging")}</Badge> : null}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("outboxOldest")}</dt>
                <dd className="mt-1 text-lg font-semibold tabular-nums">
                  {pipeline.oldestUndeliveredAgeSeconds === null ? "—" : t("seconds", { n: pipeline.oldestUndeliveredAgeSeconds })}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("deadLettersOpen")}</dt>
                <dd className="mt-1 text-lg font-semibold tabular-nums">{n(pipeline.deadLettersOpen)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">{t("engineFailed")}</dt>
                <dd className="mt-1 text-lg font-semibold tabular-nums">{n(pipeline.engineRunsFailed24h)}</dd>
              </div>
            </dl>
          </CardBody>
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader title={t("resetTitle")} description={t("resetLead")} />
        <CardBody>
          <ResetLinkForm />
        </CardBody>
      </Card>
    </>
  );
}
