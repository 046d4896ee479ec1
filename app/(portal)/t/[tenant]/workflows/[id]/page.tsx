import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyableValue } from "@/components/ui/copyable-value";
import { CursorPager } from "@/components/ui/cursor-pager";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { StartRunForm } from "@/components/workflows/start-run-form";
import { RUN_TONES } from "@/components/workflows/state-style";
import { WorkflowActions } from "@/components/workflows/workflow-actions";
import { WorkflowEditor } from "@/components/workflows/workflow-editor";
import { baseUrlFrom } from "@/server/http/app-url";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("workflow");

export default async function WorkflowPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { tenant: slug, id } = await params;
  const { cursor } = await searchParams;
  const { caller, can, tenant } = await tenantAccess(slug);
  if (!can("workflow:read")) notFound();
  const workflow = await load(caller.workflows.get({ id }));
  if (workflow.status === "archived") notFound();
  const [t, format, runs, agents, hdrs] = await Promise.all([
    getTranslations("workflows"),
    getFormatter(),
    load(caller.workflows.runs({ id, cursor, limit: 20 })),
    can("agent:read") ? load(caller.agents.list({ limit: 100 })) : Promise.resolve({ items: [] }),
    headers(),
  ]);
  const base = `/t/${slug}/workflows`;
  const hookBase = baseUrlFrom(hdrs);
  const hookUrl = `${hookBase}/api/v1/workflows/${id}/hooks/${tenant.id}`;
  const manage = can("workflow:manage");
  return (
    <div className="space-y-6">
      <PageHeader
        title={workflow.name}
        description={workflow.description || t("versionNumber", { version: workflow.currentVersion })}
        actions={manage ? <WorkflowActions id={id} name={workflow.name} listHref={base} hookUrl={hookUrl} /> : null}
      />
      {manage ? (
        <WorkflowEditor
          key={workflow.currentVersion}
          workflowId={id}
          initial={{ name: workflow.name, description: workflow.description, definition: workflow.definition }}
          agents={agents.items.map((a) => ({ id: a.id, name: a.name }))}
          base={base}
          hookBase={hookBase}
          tenantId={tenant.id}
        />
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {can("workflow:run") ? (
          <Card>
            <CardHeader title={t("detail.startRun")} />
            <CardBody>
              <StartRunForm workflowId={id} runBase={`${base}/runs`} example={JSON.stringify({ message: "" })} />
            </CardBody>
          </Card>
        ) : null}
        <Card>
          <CardHeader title={t("detail.hook")} description={t("detail.hookBody")} />
          <CardBody>
            <CopyableValue value={hookUrl} />
          </CardBody>
        </Card>
      </div>
      <Card>
        <CardHeader title={t("detail.runs")} />
        {runs.items.length === 0 ? (
          <CardBody>
            <p className="text-sm text-slate-500">{t("detail.noRuns")}</p>
          </CardBody>
        ) : (
          <Table caption={t("detail.runsCaption")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("detail.started")}</Th>
                <Th>{t("detail.status")}</Th>
                <Th>{t("detail.trigger")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.items.map((run) => (
                <tr key={run.id}>
                  <Td>
                    <Link href={`${base}/runs/${run.id}`} className="text-brand-700 hover:underline">
                      {format.dateTime(new Date(run.createdAt), { dateStyle: "medium", timeStyle: "medium" })}
                    </Link>
                  </Td>
                  <Td>
                    <Badge tone={RUN_TONES[run.status]}>{t(`statuses.${run.status}`)}</Badge>
                  </Td>
                  <Td>{t.has(`triggers.${run.trigger}`) ? t(`triggers.${run.trigger as "user"}`) : run.trigger}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          label={t("detail.runsPagination")}
          firstHref={cursor ? `${base}/${id}` : null}
          nextHref={runs.nextCursor ? `${base}/${id}?cursor=${encodeURIComponent(runs.nextCursor)}` : null}
          firstLabel={<>← {t("newest")}</>}
          nextLabel={<>{t("older")} →</>}
        />
      </Card>
    </div>
  );
}
