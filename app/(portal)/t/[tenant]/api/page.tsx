import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { groupOperations, type OpenApiDoc } from "@/components/api-docs/openapi-model";
import { MethodBadge, OperationCard } from "@/components/api-docs/operation-card";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { baseUrlFrom } from "@/server/http/app-url";
import { tenantAccess } from "@/server/http/rsc";
import { openApiDocument } from "@/server/trpc/openapi";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiDocs");
  return { title: t("title") };
}

const ERROR_EXAMPLE = `{
  "error": {
    "code": "validation_failed",
    "message": "The input is not valid.",
    "details": {
      "issues": [{ "path": "name", "code": "too_small", "message": "At least 2 characters" }],
      "fields": { "name": "At least 2 characters" }
    }
  }
}`;

const RATE_HEADERS = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Retry-After"] as const;

function Code({ children }: { children: React.ReactNode }) {
  return <code className="break-words rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{children}</code>;
}

/**
 * The REST reference, rendered on the server from the same OpenAPI document `/api/openapi.json`
 * serves (which is generated from the tRPC router), so it cannot drift from the API.
 */
export default async function ApiReferencePage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ section?: string | string[] }>;
}) {
  const { tenant: slug } = await params;
  const requested = (await searchParams).section;
  await tenantAccess(slug);
  const t = await getTranslations("apiDocs");
  const baseUrl = baseUrlFrom(await headers());
  const doc: OpenApiDoc = openApiDocument(baseUrl);
  const serverUrl = doc.servers?.[0]?.url ?? `${baseUrl}/api/v1`;
  const groups = groupOperations(doc);
  // One section's operations per page: every operation of every section was about 11k DOM nodes and
  // growing with each area (slow on a phone, and for assistive technology). An unknown section shows the first.
  const current = groups.find((g) => g.tag === (Array.isArray(requested) ? requested[0] : requested)) ?? groups[0];
  const sectionHref = (tag: string, anchor?: string) => `/t/${slug}/api?section=${encodeURIComponent(tag)}${anchor ? `#${anchor}` : ""}`;
  const tagName = (tag: string) => (t.has(`tags.${tag}`) ? t(`tags.${tag}`) : tag);
  const firstCall = `curl -H "Authorization: Bearer agt_…" ${serverUrl}/tenant`;

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("lead")}
        actions={
          <a href="/api/openapi.json" className="text-sm font-medium text-brand-700 hover:underline">
            {t("openapiLink")}
          </a>
        }
      />

      <Card>
        <CardHeader title={t("authTitle")} />
        <CardBody className="space-y-3 text-sm text-slate-700">
          <p>
            {t.rich("authBody", {
              header: (chunks) => <Code>{chunks}</Code>,
              keys: (chunks) => (
                <Link href={`/t/${slug}/api-keys`} className="font-medium text-brand-700 hover:underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
          <p>{t("baseUrl")}</p>
          <div className="flex items-start gap-2">
            <div className="min-w-0 flex-1">
              <CodeBlock label={t("exampleLabel")}>{firstCall}</CodeBlock>
            </div>
            <CopyButton value={firstCall} />
          </div>
        </CardBody>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card>
          <CardHeader title={t("errorsTitle")} />
          <CardBody className="space-y-3 text-sm text-slate-700">
            <p>
              {t.rich("errorsBody", {
                envelope: () => <Code>{"{ error: { code, message, details } }"}</Code>,
                code: (chunks) => <Code>{chunks}</Code>,
              })}
            </p>
            <CodeBlock label={t("errorsTitle")}>{ERROR_EXAMPLE}</CodeBlock>
            <p>{t("errorsStatuses")}</p>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("rateTitle")} />
          <CardBody className="space-y-3 text-sm text-slate-700">
            <p>{t("rateBody")}</p>
            <dl className="space-y-2">
              {RATE_HEADERS.map((name) => (
                <div key={name}>
                  <dt>
                    <Code>{name}</Code>
                  </dt>
                  <dd className="mt-0.5 text-slate-600">{t(`rateHeaders.${name}`)}</dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
      </div>

      <nav aria-label={t("contents")} className="rounded-lg bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200">
        <h2 className="text-base font-semibold text-slate-900">{t("contents")}</h2>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          {groups.map((group) => (
            // min-w-0: a long path truncates inside its column instead of widening the page on a phone.
            <div key={group.tag} className="min-w-0">
              <a
                href={sectionHref(group.tag)}
                aria-current={group.tag === current?.tag ? "page" : undefined}
                className="text-xs font-semibold uppercase tracking-wide text-slate-500 hover:text-brand-700 aria-[current=page]:text-brand-700"
              >
                {tagName(group.tag)}
              </a>
              <ul className="mt-1 space-y-1">
                {group.operations.map((op) => (
                  <li key={op.id}>
                    <a
                      href={group.tag === current?.tag ? `#${op.id}` : sectionHref(group.tag, op.id)}
                      className="flex items-center gap-2 text-sm text-slate-700 hover:text-brand-700"
                    >
                      <MethodBadge method={op.method} />
                      <code className="min-w-0 truncate font-mono text-xs">{op.path}</code>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </nav>

      {current ? (
        <section aria-labelledby={`tag-${current.tag}`} className="space-y-4">
          <h2 id={`tag-${current.tag}`} className="text-lg font-semibold text-slate-900">
            {tagName(current.tag)}
          </h2>
          {current.operations.map((op) => (
            <OperationCard key={op.id} doc={doc} serverUrl={serverUrl} op={op} />
          ))}
        </section>
      ) : null}
    </div>
  );
}
