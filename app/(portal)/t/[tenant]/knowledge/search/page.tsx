import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SearchForm } from "@/components/knowledge/search-form";
import { Snippet } from "@/components/knowledge/snippet";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("knowledgeSearch");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function KnowledgeSearchPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ q?: string; collection?: string }>;
}) {
  const { tenant: slug } = await params;
  const { q: rawQ, collection } = await searchParams;
  const q = (typeof rawQ === "string" ? rawQ : "").slice(0, 500);
  // A hand-edited collection id that is not one is ignored rather than an error page.
  const collectionId = typeof collection === "string" && UUID.test(collection) ? collection : undefined;
  const { caller } = await tenantAccess(slug);
  const t = await getTranslations("knowledge");
  const base = `/t/${slug}/knowledge`;
  const [collections, result] = await Promise.all([
    load(caller.knowledge.listCollections({ limit: 200 })),
    q.trim() ? load(caller.knowledge.search({ q, collectionId, limit: 20 })) : Promise.resolve(null),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("searchTitle")}
        description={t("searchLead")}
        actions={
          <Link href={base} className="text-sm font-medium text-brand-700 hover:underline">
            {t("backToCollections")}
          </Link>
        }
      />
      <Card>
        <CardBody>
          <SearchForm action={`${base}/search`} q={q} collectionId={collectionId ?? ""} collections={collections.items} />
        </CardBody>
      </Card>
      {result === null ? (
        <p className="text-sm text-slate-600">{t("typeToSearch")}</p>
      ) : result.hits.length === 0 ? (
        <Card>
          <EmptyState title={t("noHitsTitle")} description={t("noHitsBody")} />
        </Card>
      ) : (
        <section aria-label={t("hitsCount", { count: result.hits.length })} className="space-y-3">
          <p className="text-sm text-slate-600">{t("hitsCount", { count: result.hits.length })}</p>
          <ol className="space-y-3">
            {result.hits.map((hit) => (
              <li key={hit.chunkId} data-testid="knowledge-hit">
                <Card>
                  <CardBody className="space-y-2">
                    <p className="text-xs text-slate-500">
                      <Link href={`${base}/documents/${hit.documentId}`} className="font-medium text-brand-700 hover:underline">
                        {hit.documentTitle}
                      </Link>
                      {" · "}
                      <Link href={`${base}/collections/${hit.collectionId}`} className="hover:underline">
                        {hit.collectionName}
                      </Link>
                    </p>
                    <Snippet snippet={hit.snippet} />
                  </CardBody>
                </Card>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
