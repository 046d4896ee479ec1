import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AddDocumentForms } from "@/components/knowledge/add-document-forms";
import { DeleteCollectionButton, DeleteDocumentButton } from "@/components/knowledge/delete-buttons";
import { RenameCollectionDialog } from "@/components/knowledge/rename-collection-dialog";
import { SearchForm } from "@/components/knowledge/search-form";
import { Badge } from "@/components/ui/badge";
import { CursorPager } from "@/components/ui/cursor-pager";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("knowledgeCollection");

const FORMAT = { "text/plain": "formatPlain", "text/markdown": "formatMarkdown", "application/pdf": "formatPdf" } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function CollectionPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { tenant: slug, id } = await params;
  if (!UUID.test(id)) notFound();
  const { cursor } = await searchParams;
  const { caller, can } = await tenantAccess(slug);
  const t = await getTranslations("knowledge");
  const format = await getFormatter();
  const base = `/t/${slug}/knowledge`;
  const [collection, documents] = await Promise.all([
    load(caller.knowledge.getCollection({ id })),
    load(caller.knowledge.listDocuments({ collectionId: id, cursor, limit: 25 })),
  ]);
  const canWrite = can("knowledge:write");
  const kb = (bytes: number) => t("kb", { value: format.number(Math.max(bytes / 1024, 0.1), { maximumFractionDigits: 1 }) });
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={base} className="text-brand-700 hover:underline">
          ← {t("backToCollections")}
        </Link>
      </p>
      <PageHeader
        title={collection.name}
        description={collection.description || undefined}
        actions={
          canWrite ? (
            <div className="flex flex-wrap gap-2">
              <RenameCollectionDialog id={collection.id} name={collection.name} description={collection.description} />
              <DeleteCollectionButton id={collection.id} name={collection.name} documents={collection.documentCount} afterPath={base} />
            </div>
          ) : null
        }
      />
      {collection.documentCount > 0 ? (
        <Card>
          <CardBody>
            <SearchForm
              action={`${base}/search`}
              collectionId={collection.id}
              collections={[{ id: collection.id, name: collection.name }]}
            />
          </CardBody>
        </Card>
      ) : null}
      {canWrite ? (
        <Card>
          <CardHeader title={t("addDocument")} />
          <CardBody>
            <AddDocumentForms collectionId={collection.id} uploadUrl={`${base}/upload`} />
          </CardBody>
        </Card>
      ) : null}
      <Card>
        <CardHeader title={t("documents")} />
        {documents.items.length === 0 ? (
          <EmptyState title={t("noDocumentsTitle")} description={canWrite ? t("noDocumentsBody") : undefined} />
        ) : (
          <Table caption={t("documents")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("docTitle")}</Th>
                <Th>{t("type")}</Th>
                <Th className="text-right">{t("size")}</Th>
                <Th className="text-right">{t("passages")}</Th>
                <Th>{t("created")}</Th>
                {canWrite ? <Th className="text-right">{t("delete")}</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {documents.items.map((d) => (
                <tr key={d.id}>
                  <Td>
                    <Link href={`${base}/documents/${d.id}`} className="font-medium text-brand-700 hover:underline">
                      {d.title}
                    </Link>
                  </Td>
                  <Td>
                    <Badge>{t(FORMAT[d.mimeType])}</Badge> <span className="text-xs text-slate-500">{t(`sources.${d.source}`)}</span>
                  </Td>
                  <Td className="whitespace-nowrap text-right tabular-nums">{kb(d.bytes)}</Td>
                  <Td className="text-right tabular-nums" data-testid="chunk-count">
                    {d.chunkCount}
                  </Td>
                  <Td className="whitespace-nowrap">{format.dateTime(new Date(d.createdAt), { dateStyle: "medium" })}</Td>
                  {canWrite ? (
                    <Td className="text-right">
                      <DeleteDocumentButton id={d.id} title={d.title} />
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          label={t("pagination")}
          firstHref={cursor ? "?" : null}
          nextHref={documents.nextCursor ? `?cursor=${encodeURIComponent(documents.nextCursor)}` : null}
          firstLabel={t("newer")}
          nextLabel={t("older")}
        />
      </Card>
    </div>
  );
}
