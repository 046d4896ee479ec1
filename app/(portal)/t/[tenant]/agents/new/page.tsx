import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AgentForm } from "@/components/agents/agent-form";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AGENT_FORM_VOCABULARY, LOCAL_MODEL, TEMPLATE_IDS, type TemplateId } from "@/server/agents/constants";
import type { AgentConfigDto } from "@/server/agents/dto";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("newAgent");

const BLANK: AgentConfigDto = {
  name: "",
  description: "",
  instructions: "",
  model: { provider: "local", model: LOCAL_MODEL, credentialId: null },
  fallbacks: [],
  temperature: 0.3,
  maxTokens: 1024,
  tools: [],
  knowledgeCollectionIds: [],
  guardPolicy: null,
  template: null,
};

/** Step 1 chooses a starting point (a template or blank); step 2 is the form, filled from it. */
export default async function NewAgentPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ template?: string }>;
}) {
  const { tenant: slug } = await params;
  const { template: chosen } = await searchParams;
  const { caller, can } = await tenantAccess(slug);
  if (!can("agent:create")) notFound();
  const t = await getTranslations("agents");
  const base = `/t/${slug}/agents`;
  const template = TEMPLATE_IDS.find((id) => id === chosen) as TemplateId | undefined;

  if (!template && chosen !== "blank") {
    return (
      <div className="space-y-6">
        <PageHeader title={t("newTitle")} description={t("newLead")} />
        <h2 className="text-base font-semibold text-slate-900">{t("chooseTemplate")}</h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {[...TEMPLATE_IDS, "blank" as const].map((id) => {
            const name = id === "blank" ? t("blank") : t(`templates.${id}.name`);
            return (
              <li key={id}>
                <Card className="flex h-full flex-col justify-between gap-4 p-5">
                  <div>
                    <h3 className="font-semibold text-slate-900">{name}</h3>
                    <p className="mt-1 text-sm text-slate-600">
                      {id === "blank" ? t("blankDescription") : t(`templates.${id}.description`)}
                    </p>
                  </div>
                  <Link
                    href={`${base}/new?template=${id}`}
                    className={buttonClasses(id === "customer-service" ? "primary" : "secondary", "sm")}
                    aria-label={t("useTemplate", { name })}
                  >
                    {t("useTemplate", { name })}
                  </Link>
                </Card>
              </li>
            );
          })}
        </ul>
      </div>
    );
  }

  const [templates, options] = await Promise.all([load(caller.agents.templates({})), load(caller.agents.formOptions({}))]);
  const found = template ? templates.items.find((item) => item.id === template) : undefined;
  const initial: AgentConfigDto = found
    ? {
        ...BLANK,
        name: t(`templates.${found.id}.name`),
        description: t(`templates.${found.id}.description`),
        instructions: found.instructions,
        model: { provider: found.provider as "local", model: found.model, credentialId: null },
        temperature: found.temperature,
        maxTokens: found.maxTokens,
        tools: found.tools,
        template: found.id,
      }
    : BLANK;
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("newTitle")}
        description={t("startingFrom", { name: template ? t(`templates.${template}.name`) : t("blank") })}
        actions={
          <Link href={`${base}/new`} className={buttonClasses("ghost", "sm")}>
            {t("changeStartingPoint")}
          </Link>
        }
      />
      <AgentForm
        mode="create"
        template={template ?? null}
        initial={initial}
        options={options}
        vocabulary={AGENT_FORM_VOCABULARY}
        base={base}
      />
    </div>
  );
}
