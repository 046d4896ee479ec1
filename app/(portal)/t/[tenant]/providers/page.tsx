import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AddProviderKeyDialog } from "@/components/provider-keys/add-provider-key-dialog";
import { RevokeProviderKeyButton } from "@/components/provider-keys/revoke-provider-key-button";
import { Badge } from "@/components/ui/badge";
import { CursorPager } from "@/components/ui/cursor-pager";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("providers");

/** The organisation's own model-vendor keys: listed by name and last four characters, added once, revoked with a confirmation. */
export default async function ProvidersPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ cursor?: string; revoked?: string }>;
}) {
  const { tenant: slug } = await params;
  const { cursor, revoked } = await searchParams;
  const showRevoked = revoked === "show";
  const keep = showRevoked ? "revoked=show&" : "";
  const { caller, can } = await tenantAccess(slug);
  const t = await getTranslations("providers");
  const format = await getFormatter();
  const keys = await load(caller.providerCredentials.list({ cursor, limit: 25, revoked: showRevoked ? "include" : "exclude" }));
  const manage = can("provider:manage");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("lead")} actions={manage ? <AddProviderKeyDialog /> : null} />
      <div className="flex justify-end">
        <Link href={showRevoked ? "?" : "?revoked=show"} className={buttonClasses("ghost", "sm")}>
          {showRevoked ? t("hideRevoked") : t("showRevoked")}
        </Link>
      </div>
      <Card>
        {keys.items.length === 0 ? (
          <EmptyState title={t("emptyTitle")} description={manage ? t("emptyBody") : t("emptyViewer")} />
        ) : (
          <Table caption={t("tableCaption")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("name")}</Th>
                <Th>{t("provider")}</Th>
                <Th>{t("key")}</Th>
                <Th>{t("created")}</Th>
                <Th>{t("status")}</Th>
                <Th className="text-right">{t("actions")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.items.map((key) => (
                <tr key={key.id}>
                  <Td>
                    <p className="font-medium text-slate-900">{key.name}</p>
                    <p className="max-w-xs break-all font-mono text-xs text-slate-500">{key.baseUrl ?? t("defaultBaseUrl")}</p>
                  </Td>
                  <Td className="whitespace-nowrap">{t(`providers.${key.provider}`)}</Td>
                  <Td className="whitespace-nowrap font-mono text-xs text-slate-700" aria-label={t("keyHint", { hint: key.hint })}>
                    ••••{key.hint}
                  </Td>
                  <Td className="whitespace-nowrap">{format.dateTime(new Date(key.createdAt), { dateStyle: "medium" })}</Td>
                  <Td>
                    <Badge tone={key.status === "active" ? "green" : "red"}>
                      {key.status === "active" ? t("statusActive") : t("statusRevoked")}
                    </Badge>
                  </Td>
                  <Td className="text-right">
                    {manage && key.status === "active" ? <RevokeProviderKeyButton id={key.id} name={key.name} /> : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          firstHref={cursor ? `?${keep}` : null}
          nextHref={keys.nextCursor ? `?${keep}cursor=${encodeURIComponent(keys.nextCursor)}` : null}
          firstLabel={t("newest")}
          nextLabel={t("older")}
        />
      </Card>
    </div>
  );
}
