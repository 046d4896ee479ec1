import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";

const TONE = { active: "green", quarantined: "amber", disabled: "red", archived: "neutral" } as const;

/** An agent's state in one word: archived wins over the status it had when it was archived. */
export async function AgentStatusBadge({ status, archived }: { status: "active" | "quarantined" | "disabled"; archived: boolean }) {
  const t = await getTranslations("agents");
  const shown = archived ? "archived" : status;
  return <Badge tone={TONE[shown]}>{t(`statuses.${shown}`)}</Badge>;
}
