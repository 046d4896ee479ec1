import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { DeleteDocumentButton } from "@/components/knowledge/delete-buttons";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("knowledgeDocument");

const FORMAT = { "text/plain": "formatPlain", "text/markdown": "formatMarkdown", "application/pdf": "formatPdf" } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function DocumentPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  if (!UUID.test(id)) notFound();
  const { caller, can } = await tenantAccess(slug);
  const t = await getTranslations("knowledge");
  const format = await getFormatter();
  const base = `/t/${slug}/knowledge`;
  const { document, collectionName, chunks } = await load(caller.knowledge.getDocument({ id }));
  const collectionPath = `${base}/collections/${document.collectionId}`;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={collectionPath} className="text-brand-700 hover:underline">
          ← {collectionName}
        </Link>
      </p>
      <PageHeader
        title={document.title}
        description={t("documentMeta", {
          type: t(FORMAT[document.mimeType]),
          size: t("kb", { value: format.number(Math.max(document.bytes / 1024, 0.1), { maximumFractionDigits: 1 }) }),
          count: document.chunkCount,
          date: format.dateTime(new Date(document.createdAt), { dateStyle: "medium" }),
        })}
        actions={
          can("knowledge:write") ? <DeleteDocumentButton id={document.id} title={document.title} afterPath={collectionPath} /> : null
        }
      />
      <Card>
        <CardHeader title={t("passagesTitle")} description={t("passagesLead")} />
        <CardBody>
          <ol className="space-y-4">
            {chunks.map((chunk) => (
              <li key={chunk.ordinal} className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
                <p className="mb-1 text-xs font-medium text-slate-500">{t("passage", { n: chunk.ordinal + 1 })}</p>
                <p className="whitespace-pre-wrap break-words text-sm text-slate-800">{chunk.content}</p>
              </li>
            ))}
          </ol>
          {document.chunkCount > chunks.length ? (
            <p className="mt-4 text-sm text-slate-600">{t("morePassages", { shown: chunks.length, total: document.chunkCount })}</p>
          ) : null}
        </CardBody>
      </Card>
    </div>
  );
}
