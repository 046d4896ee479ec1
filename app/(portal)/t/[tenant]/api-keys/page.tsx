import Link from "next/link";
import { headers } from "next/headers";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateKeyDialog } from "@/components/api-keys/create-key-dialog";
import { KeyBudgetDialog } from "@/components/api-keys/key-budget-dialog";
import { ReinstateKeyButton } from "@/components/api-keys/reinstate-key-button";
import { RevokeKeyButton } from "@/components/api-keys/revoke-key-button";
import { Badge } from "@/components/ui/badge";
import { CursorPager } from "@/components/ui/cursor-pager";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { baseUrlFrom } from "@/server/http/app-url";
import { load, tenantAccess } from "@/server/http/rsc";
import { canRevokeKeyOf, PERMISSIONS } from "@/server/tenancy/permissions";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("apiKeys");

const STATUS_TONE = { active: "green", expired: "amber", revoked: "red", suspended: "red" } as const;

export default async function ApiKeysPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ cursor?: string; revoked?: string }>;
}) {
  const { tenant: slug } = await params;
  const { cursor, revoked } = await searchParams;
  // Revoked keys are history, not something to act on: hidden unless asked for.
  const showRevoked = revoked === "show";
  const keep = showRevoked ? "revoked=show&" : "";
  const { caller, can, me } = await tenantAccess(slug);
  const t = await getTranslations("apiKeys");
  const format = await getFormatter();
  const keys = await load(caller.apiKeys.list({ cursor, limit: 25, revoked: showRevoked ? "include" : "exclude" }));
  const apiBase = `${baseUrlFrom(await headers())}/api/v1`;
  const grantable = PERMISSIONS.filter((p) => me.permissions.includes(p));
  const date = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium" }) : "—");
  // "100 runs · 50,000 tokens · $2.00 per day", or "No budget".
  const budgetText = ({ runs, tokens, costMicros, period }: (typeof keys.items)[number]["budget"]) => {
    const parts = [
      runs == null ? null : t("budget.runsCount", { count: runs }),
      tokens == null ? null : t("budget.tokensCount", { count: tokens }),
      costMicros == null ? null : format.number(costMicros / 1_000_000, { style: "currency", currency: "USD" }),
    ].filter((p): p is string => p !== null);
    return parts.length ? `${parts.join(" · ")} ${period === "day" ? t("budget.perDay") : t("budget.perMonth")}` : t("budget.none");
  };
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("lead")}
        actions={
          can("apikey:create") ? <CreateKeyDialog grantable={grantable} apiBase={apiBase} canSetBudget={can("billing:manage")} /> : null
        }
      />
      <div className="flex justify-end">
        <Link href={showRevoked ? "?" : "?revoked=show"} className={buttonClasses("ghost", "sm")}>
          {showRevoked ? t("hideRevoked") : t("showRevoked")}
        </Link>
      </div>
      <Card>
        {keys.items.length === 0 ? (
          <EmptyState title={t("emptyTitle")} description={can("apikey:create") ? t("emptyBody") : t("emptyViewer")} />
        ) : (
          <Table caption={t("title")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("name")}</Th>
                <Th>{t("scopes")}</Th>
                <Th>{t("createdBy")}</Th>
                <Th>{t("lastUsed")}</Th>
                <Th>{t("expires")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("budget.column")}</Th>
                <Th className="text-right">{t("actions")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.items.map((key) => (
                <tr key={key.id}>
                  <Td>
                    <p className="font-medium text-slate-900">{key.name}</p>
                    <p className="font-mono text-xs text-slate-500">{key.prefix}…</p>
                  </Td>
                  <Td>
                    <div className="flex max-w-xs flex-wrap gap-1">
                      {key.scopes.map((scope) => (
                        <span key={scope} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                          {scope}
                        </span>
                      ))}
                    </div>
                  </Td>
                  <Td>
                    {key.createdByEmail ?? <span className="italic text-slate-500">{t("formerMember")}</span>}
                    <p className="text-xs text-slate-500">{date(key.createdAt)}</p>
                  </Td>
                  <Td className="whitespace-nowrap">{key.lastUsedAt ? format.relativeTime(new Date(key.lastUsedAt)) : "—"}</Td>
                  <Td className="whitespace-nowrap">{date(key.expiresAt)}</Td>
                  <Td>
                    <Badge tone={STATUS_TONE[key.status]}>
                      {t(`status${key.status[0]!.toUpperCase()}${key.status.slice(1)}` as "statusActive")}
                    </Badge>
                  </Td>
                  <Td className="text-sm" data-testid="key-budget">
                    {budgetText(key.budget)}
                  </Td>
                  <Td className="text-right">
                    {can("billing:manage") && key.status !== "revoked" ? (
                      <KeyBudgetDialog id={key.id} name={key.name} budget={key.budget} />
                    ) : null}
                    {can("apikey:revoke") &&
                    key.status === "active" &&
                    me.type === "user" &&
                    canRevokeKeyOf({ userId: me.id, role: me.role }, key.createdBy) ? (
                      <RevokeKeyButton id={key.id} name={key.name} />
                    ) : null}
                    {key.status === "suspended" && can("playbook:manage") ? <ReinstateKeyButton id={key.id} name={key.name} /> : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          firstHref={cursor ? `?${keep}` : null}
          nextHref={keys.nextCursor ? `?${keep}cursor=${encodeURIComponent(keys.nextCursor)}` : null}
          firstLabel={t("newestKeys")}
          nextLabel={t("olderKeys")}
        />
      </Card>
    </div>
  );
}
