import type { Metadata } from "next";
import { headers } from "next/headers";
import { getFormatter, getTranslations } from "next-intl/server";
import { BarChart } from "@/components/charts/bar-chart";
import { GetStarted } from "@/components/overview/get-started";
import { StatCard } from "@/components/overview/stat-card";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { baseUrlFrom } from "@/server/http/app-url";
import { load, tenantAccess } from "@/server/http/rsc";
import type { TenantOverview } from "@/server/tenancy/tenant-overview";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("overview");
  return { title: t("title") };
}

const LIMIT_KEYS = [
  "apiKeyRequestsPerMinute",
  "tenantRequestsPerMinute",
  "seats",
  "agents",
  "runsPerMonth",
  "tokensPerMonth",
  "retentionDays",
] as const;

/** A YYYY-MM-DD (UTC day) as a Date at its midnight, for the formatter. */
const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

export default async function OverviewPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { tenant, me, caller } = await tenantAccess(slug);
  const [overview, t, tCommon, format, requestHeaders] = await Promise.all([
    load(caller.tenant.overview()),
    getTranslations("overview"),
    getTranslations("common"),
    getFormatter(),
    headers(),
  ]);
  const { limits } = overview.plan;
  const planName = tCommon.has(`plans.${overview.plan.id}`) ? tCommon(`plans.${overview.plan.id}` as "plans.free") : overview.plan.name;
  const num = (n: number) => format.number(n);
  const limitValue = (key: (typeof LIMIT_KEYS)[number]) => {
    const value = limits[key];
    if (value === null) return t("unlimited");
    return key === "retentionDays" ? t("days", { count: value }) : num(value);
  };

  const activity = overview.activity;
  const total = activity.reduce((sum, d) => sum + d.count, 0);
  const peak = activity.reduce<TenantOverview["activity"][number] | null>((best, d) => (d.count > (best?.count ?? 0) ? d : best), null);
  const longDay = (day: string) => format.dateTime(dayDate(day), { dateStyle: "medium", timeZone: "UTC" });
  const shortDay = (day: string) => format.dateTime(dayDate(day), { month: "numeric", day: "numeric", timeZone: "UTC" });
  const range = { from: longDay(activity[0]!.date), to: longDay(activity[activity.length - 1]!.date) };
  const summary = peak
    ? t("activitySummary", { ...range, total, peakDay: longDay(peak.date), peak: peak.count })
    : t("activitySummaryEmpty", range);

  return (
    <div className="space-y-6">
      <PageHeader
        title={tenant.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone="brand">{t("planBadge", { plan: planName })}</Badge>
            <Badge>{t("roleBadge", { role: tCommon(`roles.${me.role}`) })}</Badge>
            <span className="text-slate-500">/t/{tenant.slug}</span>
          </span>
        }
      />

      <dl aria-label={t("statsLabel")} className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard
          label={t("members")}
          value={num(overview.members)}
          hint={limits.seats === null ? t("seatsUnlimited") : t("seatsOf", { seats: limits.seats })}
        />
        <StatCard label={t("activeKeys")} value={num(overview.activeApiKeys)} hint={t("activeKeysHint")} />
        <StatCard label={t("pendingInvitations")} value={num(overview.pendingInvitations)} hint={t("pendingInvitationsHint")} />
        <StatCard label={t("auditEntries")} value={num(total)} hint={t("auditEntriesHint")} />
      </dl>

      <div className="grid gap-6 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <CardHeader title={t("activityTitle")} description={t("activityLead")} />
          <CardBody>
            <BarChart
              data={activity.map((d) => ({ label: shortDay(d.date), value: d.count }))}
              summary={summary}
              caption={t("activityCaption")}
              labelHeader={t("day")}
              valueHeader={t("entries")}
              formatValue={num}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("planTitle", { plan: planName })} description={t("planLead")} />
          <CardBody>
            <dl className="divide-y divide-slate-100 text-sm">
              {LIMIT_KEYS.map((key) => (
                <div key={key} className="flex items-baseline justify-between gap-4 py-2">
                  <dt className="text-slate-600">{t(`limits.${key}`)}</dt>
                  <dd className="font-medium tabular-nums text-slate-900">{limitValue(key)}</dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
      </div>

      <GetStarted
        slug={slug}
        origin={baseUrlFrom(requestHeaders)}
        invited={overview.members > 1}
        hasKey={overview.activeApiKeys > 0}
        called={overview.apiKeyUsed}
      />
    </div>
  );
}
