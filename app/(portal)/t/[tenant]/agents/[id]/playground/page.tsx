import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { titled } from "@/app/page-title";
import { Playground, type PlaygroundTurn } from "@/components/runs/playground";
import { PageHeader } from "@/components/ui/page-header";
import { load, tenantAccess } from "@/server/http/rsc";

export const generateMetadata = titled("playground");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The agent's playground; `?conversation=<id>` reopens an earlier conversation with its turns. */
export default async function PlaygroundPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<{ conversation?: string }>;
}) {
  const { tenant: slug, id } = await params;
  const { conversation } = await searchParams;
  if (!UUID.test(id)) notFound();
  const { caller, can } = await tenantAccess(slug);
  if (!can("agent:read") || !can("run:create")) notFound();
  const conversationId = conversation && UUID.test(conversation) ? conversation : null;
  const [agent, earlier, t] = await Promise.all([
    load(caller.agents.get({ id })),
    conversationId && can("run:read")
      ? load(caller.runs.list({ agentId: id, conversationId, limit: 50 }))
      : Promise.resolve({ items: [], nextCursor: null }),
    getTranslations("runs.playground"),
  ]);
  const turns: PlaygroundTurn[] = [...earlier.items].reverse().map((run) => {
    const sides = [run.guard?.input, run.guard?.output].filter((s) => s && s.action !== "allow");
    return {
      key: run.id,
      input: run.input,
      answer: run.output ?? "",
      state: run.status === "running" ? "failed" : run.status,
      runId: run.id,
      error: run.error,
      findings: sides.flatMap((s) => s!.findings),
      action: sides.at(-1)?.action ?? null,
      sources: [],
    };
  });
  const disabledReason =
    agent.archivedAt !== null ? t("notRunnable.archived") : agent.status !== "active" ? t(`notRunnable.${agent.status}`) : null;

  return (
    <div className="space-y-4">
      <div>
        <Link href={`/t/${slug}/agents/${id}`} className="text-sm text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
      </div>
      <PageHeader title={`${t("title")} · ${agent.name}`} description={t("lead", { name: agent.name })} />
      <Playground slug={slug} agentId={id} initialConversationId={conversationId} initialTurns={turns} disabledReason={disabledReason} />
    </div>
  );
}
