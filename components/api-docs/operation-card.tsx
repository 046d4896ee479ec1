import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/components/ui/cn";
import { Td, Th } from "@/components/ui/table";
import { curlExample, exampleOf, typeLabel, type ApiOperation, type OpenApiDoc } from "./openapi-model";
import { TryIt } from "./try-it";
import { constraints, describe, SchemaView, type Catalogue } from "./schema-view";

const METHOD_TONE: Record<string, string> = {
  GET: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  POST: "bg-brand-50 text-brand-700 ring-brand-100",
  PATCH: "bg-amber-50 text-amber-800 ring-amber-200",
  PUT: "bg-amber-50 text-amber-800 ring-amber-200",
  DELETE: "bg-red-50 text-red-700 ring-red-200",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={cn(
        "inline-flex w-16 justify-center rounded px-1.5 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset",
        METHOD_TONE[method] ?? METHOD_TONE.GET,
      )}
    >
      {method}
    </span>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-2">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {children}
    </div>
  );
}

/** One endpoint: what it does, what it takes, what it answers, and a curl line to try it. */
export async function OperationCard({ doc, serverUrl, op }: { doc: OpenApiDoc; serverUrl: string; op: ApiOperation }) {
  const t = await getTranslations("apiDocs");
  const curl = curlExample(doc, serverUrl, op);
  return (
    <Card>
      <div id={op.id} className="scroll-mt-20 space-y-4 px-5 py-4">
        <div className="space-y-1">
          <h3 className="flex flex-wrap items-center gap-3">
            <MethodBadge method={op.method} />
            <code className="break-all font-mono text-sm font-semibold text-slate-900">{op.path}</code>
          </h3>
          {op.summary ? (
            <p className="text-sm text-slate-700">
              {t.has(`operations.${op.id}`) ? t(`operations.${op.id}` as "operations.tenant-get") : op.summary}
            </p>
          ) : null}
          {op.description ? <p className="text-sm text-slate-600">{op.description}</p> : null}
        </div>

        {op.parameters.length > 0 ? (
          <Section title={t("parameters")}>
            <div className="overflow-x-auto rounded-md ring-1 ring-slate-200" role="region" aria-label={t("parameters")} tabIndex={0}>
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead>
                  <tr>
                    <Th>{t("paramName")}</Th>
                    <Th>{t("paramIn")}</Th>
                    <Th>{t("paramType")}</Th>
                    <Th>{t("paramRequired")}</Th>
                    <Th>{t("paramDescription")}</Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {op.parameters.map((p) => (
                    <tr key={`${p.in}:${p.name}`}>
                      <Td className="font-mono text-xs font-medium text-slate-900">{p.name}</Td>
                      <Td className="text-xs">{t(`in.${p.in === "path" ? "path" : p.in === "query" ? "query" : "other"}`)}</Td>
                      <Td className="font-mono text-xs">{p.schema ? typeLabel(p.schema) : "—"}</Td>
                      <Td className="text-xs">{p.required ? t("schema.required") : t("schema.optional")}</Td>
                      <Td className="text-xs">
                        {describe(t as unknown as Catalogue, p.description ?? p.schema?.description) ?? ""}
                        {p.schema && constraints(t, p.schema).length > 0 ? (
                          <span className="block text-slate-500">{constraints(t, p.schema).join(" · ")}</span>
                        ) : null}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
        ) : null}

        {op.requestBody ? (
          <Section title={t("requestBody")}>
            <SchemaView doc={doc} schema={op.requestBody} />
          </Section>
        ) : null}

        <Section title={t("response")}>
          {op.response ? <SchemaView doc={doc} schema={op.response} /> : <p className="text-sm text-slate-500">{t("noBody")}</p>}
          {op.errorStatuses.length > 0 ? (
            <p className="text-xs text-slate-500">{t("errorStatuses", { statuses: op.errorStatuses.join(", ") })}</p>
          ) : null}
        </Section>

        <Section title={t("example")}>
          <div className="flex items-start gap-2">
            <CodeBlock label={t("exampleFor", { method: op.method, path: op.path })} className="min-w-0 flex-1">
              {curl}
            </CodeBlock>
            <CopyButton value={curl} />
          </div>
          <TryIt
            spec={{
              method: op.method,
              path: op.path,
              serverUrl,
              pathParams: op.parameters.filter((p) => p.in === "path").map((p) => p.name),
              queryParams: op.parameters.filter((p) => p.in === "query").map((p) => p.name),
              exampleBody: op.requestBody ? JSON.stringify(exampleOf(doc, op.requestBody), null, 2) : undefined,
            }}
          />
        </Section>
      </div>
    </Card>
  );
}
