import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AgentForm } from "@/components/agents/agent-form";
import { PageHeader } from "@/components/ui/page-header";
import { AGENT_FORM_VOCABULARY } from "@/server/agents/constants";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("editAgent");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditAgentPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  if (!UUID.test(id)) notFound();
  const { caller, can } = await tenantAccess(slug);
  if (!can("agent:update")) notFound();
  const [agent, options, t] = await Promise.all([
    load(caller.agents.get({ id })),
    load(caller.agents.formOptions({})),
    getTranslations("agents"),
  ]);
  const base = `/t/${slug}/agents`;
  // An archived agent cannot be edited: its page says so.
  if (agent.archivedAt) redirect(`${base}/${id}`);
  return (
    <div className="space-y-6">
      <PageHeader title={agent.name} description={t("detail.currentVersion", { version: agent.currentVersion })} />
      <AgentForm mode="edit" agentId={agent.id} initial={agent.config} options={options} vocabulary={AGENT_FORM_VOCABULARY} base={base} />
    </div>
  );
}
