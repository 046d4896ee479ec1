import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { SEVERITY_TONE, useGuardLabels } from "@/components/guard/labels";

const STATUS_TONE = { open: "red", acknowledged: "amber", resolved: "green", false_positive: "neutral" } as const;

export function StatusBadge({ status }: { status: keyof typeof STATUS_TONE }) {
  const t = useTranslations("incidents.statuses");
  return <Badge tone={STATUS_TONE[status]}>{t(status)}</Badge>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  const labels = useGuardLabels();
  return <Badge tone={SEVERITY_TONE[severity] ?? "neutral"}>{labels.severity(severity)}</Badge>;
}
