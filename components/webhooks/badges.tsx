import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

const ENDPOINT_TONE = { active: "green", disabled: "red" } as const;
const DELIVERY_TONE = { pending: "amber", succeeded: "green", failed: "red", dead: "red" } as const;

export function EndpointStatusBadge({ status }: { status: keyof typeof ENDPOINT_TONE }) {
  const t = useTranslations("webhooks");
  return <Badge tone={ENDPOINT_TONE[status]}>{t(`statuses.${status}`)}</Badge>;
}

export function DeliveryStatusBadge({ status }: { status: keyof typeof DELIVERY_TONE }) {
  const t = useTranslations("webhooks");
  return <Badge tone={DELIVERY_TONE[status]}>{t(`deliveryStatuses.${status}`)}</Badge>;
}
