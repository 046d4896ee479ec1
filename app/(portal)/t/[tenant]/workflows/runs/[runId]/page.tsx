import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { RunView } from "@/components/workflows/run-view";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("workflowRun");

export default async function WorkflowRunPage({ params }: { params: Promise<{ tenant: string; runId: string }> }) {
  const { tenant: slug, runId } = await params;
  const { caller, can } = await tenantAccess(slug);
  if (!can("workflow:read")) notFound();
  const run = await load(caller.workflows.run({ id: runId }));
  const [t, workflow] = await Promise.all([
    getTranslations("workflows.run"),
    caller.workflows.get({ id: run.workflowId }).catch(() => null),
  ]);
  return (
    <div className="space-y-6">
      <PageHeader title={run.workflowName ? `${t("title")} · ${run.workflowName}` : t("title")} />
      <RunView
        runId={runId}
        definition={workflow && workflow.currentVersion === run.version ? workflow.definition : null}
        canCancel={can("workflow:run")}
        runsBase={`/t/${slug}/runs`}
        workflowHref={`/t/${slug}/workflows/${run.workflowId}`}
      />
    </div>
  );
}
