import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

type Tone = "neutral" | "brand" | "green" | "amber" | "red";

const STATUS_TONE: Record<string, Tone> = { running: "brand", completed: "green", blocked: "red", failed: "amber" };
const RISK_TONE: Record<string, Tone> = { none: "neutral", low: "neutral", medium: "amber", high: "red", critical: "red" };

/** A run's status as a badge (colour and word: never colour alone). */
export function RunStatusBadge({ status }: { status: string }) {
  const t = useTranslations("runs.statuses");
  return <Badge tone={STATUS_TONE[status] ?? "neutral"}>{t(status)}</Badge>;
}

/** A run's risk level as a badge. */
export function RiskBadge({ level }: { level: string }) {
  const t = useTranslations("runs.risks");
  return <Badge tone={RISK_TONE[level] ?? "neutral"}>{t(level)}</Badge>;
}
