import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { WorkflowEditor } from "@/components/workflows/workflow-editor";
import { baseUrlFrom } from "@/server/http/app-url";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("newWorkflow");

export default async function NewWorkflowPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { caller, can, tenant } = await tenantAccess(slug);
  if (!can("workflow:manage")) notFound();
  const [t, agents, hdrs] = await Promise.all([getTranslations("workflows.editor"), load(caller.agents.list({ limit: 100 })), headers()]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("newTitle")} />
      <WorkflowEditor
        initial={{ name: "", description: "", definition: { nodes: [], edges: [] } }}
        agents={agents.items.map((a) => ({ id: a.id, name: a.name }))}
        base={`/t/${slug}/workflows`}
        hookBase={baseUrlFrom(hdrs)}
        tenantId={tenant.id}
      />
    </div>
  );
}
