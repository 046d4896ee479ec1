import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AddAllowedHostForm, RemoveAllowedHostButton } from "@/components/knowledge/allowed-hosts";
import { CreateCollectionDialog } from "@/components/knowledge/create-collection-dialog";
import { SearchForm } from "@/components/knowledge/search-form";
import { CursorPager } from "@/components/ui/cursor-pager";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("knowledge");

export default async function KnowledgePage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { tenant: slug } = await params;
  const { cursor } = await searchParams;
  const { caller, can } = await tenantAccess(slug);
  const t = await getTranslations("knowledge");
  const format = await getFormatter();
  const base = `/t/${slug}/knowledge`;
  const [collections, hosts] = await Promise.all([
    load(caller.knowledge.listCollections({ cursor, limit: 25 })),
    can("guard:read") ? load(caller.tools.listAllowedHosts({})) : Promise.resolve(null),
  ]);
  const canWrite = can("knowledge:write");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("lead")} actions={canWrite ? <CreateCollectionDialog basePath={base} /> : null} />
      {collections.items.length > 0 || cursor ? (
        <Card>
          <CardBody>
            <SearchForm action={`${base}/search`} collections={[]} />
          </CardBody>
        </Card>
      ) : null}
      <Card>
        <CardHeader title={t("collections")} />
        {collections.items.length === 0 ? (
          <EmptyState title={t("emptyTitle")} description={canWrite ? t("emptyBody") : t("emptyViewer")} />
        ) : (
          <Table caption={t("collections")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("name")}</Th>
                <Th className="text-right">{t("documents")}</Th>
                <Th className="text-right">{t("passages")}</Th>
                <Th>{t("created")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {collections.items.map((c) => (
                <tr key={c.id}>
                  <Td>
                    <Link href={`${base}/collections/${c.id}`} className="font-medium text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                    {c.description ? <p className="text-xs text-slate-500">{c.description}</p> : null}
                  </Td>
                  <Td className="text-right tabular-nums">{c.documentCount}</Td>
                  <Td className="text-right tabular-nums">{c.chunkCount}</Td>
                  <Td className="whitespace-nowrap">{format.dateTime(new Date(c.createdAt), { dateStyle: "medium" })}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          label={t("pagination")}
          firstHref={cursor ? "?" : null}
          nextHref={collections.nextCursor ? `?cursor=${encodeURIComponent(collections.nextCursor)}` : null}
          firstLabel={t("newer")}
          nextLabel={t("older")}
        />
      </Card>
      {hosts ? (
        <Card>
          <CardHeader title={t("hosts.title")} description={t("hosts.lead")} />
          <CardBody className="space-y-4">
            {can("guard:manage") ? <AddAllowedHostForm /> : <p className="text-sm text-slate-600">{t("hosts.readOnly")}</p>}
            {hosts.items.length === 0 ? (
              <EmptyState title={t("hosts.emptyTitle")} description={t("hosts.emptyBody")} />
            ) : (
              <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
                {hosts.items.map((h) => (
                  <li key={h.id} className="flex items-center justify-between gap-3 px-3 py-2">
                    <span className="break-all font-mono text-sm text-slate-900">{h.host}</span>
                    {can("guard:manage") ? <RemoveAllowedHostButton id={h.id} host={h.host} /> : null}
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
