import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { EndImpersonationButton } from "@/components/admin/end-impersonation-button";
import { OverridesEditor } from "@/components/admin/overrides-editor";
import { TenantActions } from "@/components/admin/tenant-actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { IMPERSONATION_REASON_MIN } from "@/server/platform/impersonation";
import { load, requireUser, serverCaller } from "@/server/http/rsc";
import { titled } from "../../../page-title";

export const generateMetadata = titled("adminTenant");

const STATUS_TONE = { active: "green", suspended: "amber", deleted: "red" } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One organisation for an operator: quotas, overrides, subscription, recent activity, and the actions. */
export default async function AdminTenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/admin/tenants/${id}`);
  if (!user.isPlatformAdmin || !UUID.test(id)) notFound();
  const caller = await serverCaller();
  const detail = await load(caller.admin.tenant({ tenantId: id }));
  const [t, format] = await Promise.all([getTranslations("admin"), getFormatter()]);
  const { tenant } = detail;
  const n = (v: number) => format.number(v);
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : "—");

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/tenants" className="text-brand-700 hover:underline">
          ← {t("allTenants")}
        </Link>
      </p>
      <PageHeader
        title={tenant.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{tenant.slug}</span>
            <Badge tone={STATUS_TONE[tenant.status]}>{t(`statuses.${tenant.status}`)}</Badge>
            <span>{t("planIs", { plan: tenant.planName })}</span>
            <span>{t("membersCount", { n: tenant.members })}</span>
          </span>
        }
        actions={<TenantActions tenant={tenant} plans={detail.plans} impersonationMinReason={IMPERSONATION_REASON_MIN} />}
      />
      {tenant.status === "suspended" ? (
        <Alert tone="warning" className="mb-6" title={t("suspendedSince", { when: when(tenant.suspendedAt) })}>
          {tenant.suspendedReason}
        </Alert>
      ) : null}
      {detail.impersonation ? (
        <Alert tone="info" className="mb-6" title={t("impersonationActive", { time: when(detail.impersonation.expiresAt) })}>
          <span className="mt-2 flex flex-wrap items-center gap-2">
            <Link href={`/t/${tenant.slug}`} className={buttonClasses("secondary", "sm")}>
              {t("openPortal")}
            </Link>
            <EndImpersonationButton impersonationId={detail.impersonation.id} />
          </span>
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader
            title={t("quotasTitle")}
            description={t("quotasLead", { from: when(detail.period.start), to: when(detail.period.end) })}
          />
          <Table caption={t("quotasTitle")}>
            <thead>
              <tr>
                <Th>{t("metric")}</Th>
                <Th className="text-right">{t("used")}</Th>
                <Th className="text-right">{t("limit")}</Th>
                <Th>{t("share")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {detail.quotas.map((q) => (
                <tr key={q.metric} data-testid={`quota-${q.metric}`}>
                  <Td>{t(`metrics.${q.metric}`)}</Td>
                  <Td className="text-right tabular-nums">{n(q.used)}</Td>
                  <Td className="text-right tabular-nums">{q.limit === null ? t("unlimited") : n(q.limit)}</Td>
                  <Td>
                    {q.limit === null ? (
                      "—"
                    ) : (
                      <meter
                        className="w-24"
                        min={0}
                        max={Math.max(q.limit, 1)}
                        low={q.limit * 0.8}
                        high={q.limit}
                        value={Math.min(q.used, Math.max(q.limit, 1))}
                        aria-label={t("meterLabel", { metric: t(`metrics.${q.metric}`), used: n(q.used), limit: n(q.limit) })}
                      />
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>

        <Card>
          <CardHeader title={t("subscriptionTitle")} />
          <CardBody>
            {detail.subscription ? (
              <dl className="grid grid-cols-2 gap-3 text-sm">
                <dt className="text-slate-500">{t("subscriptionStatus")}</dt>
                <dd>{detail.subscription.status}</dd>
                <dt className="text-slate-500">{t("plan")}</dt>
                <dd>{detail.subscription.planId ?? "—"}</dd>
                <dt className="text-slate-500">{t("periodEnds")}</dt>
                <dd>{when(detail.subscription.currentPeriodEnd)}</dd>
                <dt className="text-slate-500">{t("cancelAtPeriodEnd")}</dt>
                <dd>{detail.subscription.cancelAtPeriodEnd ? t("yes") : t("no")}</dd>
                <dt className="text-slate-500">{t("paymentFailed")}</dt>
                <dd>{when(detail.subscription.paymentFailedAt)}</dd>
                <dt className="text-slate-500">{t("graceUntil")}</dt>
                <dd>{when(detail.subscription.graceUntil)}</dd>
                <dt className="text-slate-500">{t("stripeCustomer")}</dt>
                <dd className="break-all font-mono text-xs">{detail.subscription.stripeCustomerId ?? "—"}</dd>
              </dl>
            ) : (
              <p className="text-sm text-slate-600">{t("noSubscription")}</p>
            )}
          </CardBody>
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader title={t("overridesTitle")} description={t("overridesLead")} />
        <CardBody>
          <OverridesEditor tenantId={tenant.id} plan={detail.planLimits} overrides={detail.overrides} />
        </CardBody>
      </Card>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title={t("recentIncidents")} />
          {detail.incidents.length === 0 ? (
            <EmptyState title={t("noIncidents")} />
          ) : (
            <Table caption={t("recentIncidents")}>
              <thead>
                <tr>
                  <Th>{t("incident")}</Th>
                  <Th>{t("status")}</Th>
                  <Th>{t("when")}</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {detail.incidents.map((i) => (
                  <tr key={i.id}>
                    <Td>
                      {i.title}
                      <div className="text-xs text-slate-500">{i.severity}</div>
                    </Td>
                    <Td>{i.status}</Td>
                    <Td className="whitespace-nowrap">{when(i.createdAt)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        <Card>
          <CardHeader title={t("recentEvents")} />
          {detail.events.length === 0 ? (
            <EmptyState title={t("noEvents")} />
          ) : (
            <Table caption={t("recentEvents")}>
              <thead>
                <tr>
                  <Th>{t("eventType")}</Th>
                  <Th>{t("actor")}</Th>
                  <Th>{t("when")}</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {detail.events.map((e) => (
                  <tr key={e.id}>
                    <Td className="font-mono text-xs">{e.type}</Td>
                    <Td>{e.actorType}</Td>
                    <Td className="whitespace-nowrap">{when(e.occurredAt)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
