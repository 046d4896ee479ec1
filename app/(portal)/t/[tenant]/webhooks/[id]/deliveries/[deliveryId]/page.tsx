import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { DeliveryStatusBadge } from "@/components/webhooks/badges";
import { ResendButton } from "@/components/webhooks/resend-button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("webhookDelivery");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function pretty(body: string) {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** One delivery: the request as sent (headers with the signature, the event body), the response excerpt, and "Resend". */
export default async function WebhookDeliveryPage({ params }: { params: Promise<{ tenant: string; id: string; deliveryId: string }> }) {
  const { tenant: slug, id, deliveryId } = await params;
  if (!UUID.test(id) || !UUID.test(deliveryId)) notFound();
  const { caller, can } = await tenantAccess(slug);
  const t = await getTranslations("webhooks");
  const format = await getFormatter();
  const delivery = await load(caller.webhooks.delivery({ id: deliveryId }));
  if (delivery.endpointId !== id) notFound();
  const endpointHref = `/t/${slug}/webhooks/${id}`;
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" }) : "—");
  const headers = Object.entries(delivery.requestHeaders ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
  return (
    <div className="space-y-6">
      <Link href={endpointHref} className="text-sm text-brand-700 hover:underline">
        ← {t("backToEndpoint")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-2">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">
            {t("deliveryTitle")} <span className="font-mono text-base">{delivery.eventType}</span>
          </h1>
          <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <DeliveryStatusBadge status={delivery.status} />
            <span>{t(`kinds.${delivery.kind}`)}</span>
            <span aria-hidden>·</span>
            <span>{t("attemptsCount", { count: delivery.attempts })}</span>
          </div>
        </div>
        {can("webhook:manage") && delivery.status !== "pending" ? <ResendButton id={delivery.id} endpointHref={endpointHref} /> : null}
      </div>
      <Card>
        <CardBody>
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">{t("messageId")}</dt>
            <dd className="break-all font-mono text-xs">{delivery.messageId}</dd>
            <dt className="text-slate-500">{t("time")}</dt>
            <dd>{when(delivery.lastAttemptAt ?? delivery.createdAt)}</dd>
            <dt className="text-slate-500">{t("code")}</dt>
            <dd className="font-mono">{delivery.responseStatus ?? "—"}</dd>
            <dt className="text-slate-500">{t("latency")}</dt>
            <dd>{delivery.latencyMs !== null ? t("ms", { ms: delivery.latencyMs }) : "—"}</dd>
            {delivery.nextAttemptAt ? (
              <>
                <dt className="text-slate-500">{t("nextAttempt")}</dt>
                <dd>{when(delivery.nextAttemptAt)}</dd>
              </>
            ) : null}
            {delivery.error ? (
              <>
                <dt className="text-slate-500">{t("error")}</dt>
                <dd className="break-words text-red-700">{delivery.error}</dd>
              </>
            ) : null}
            {delivery.resendOf ? (
              <>
                <dt className="text-slate-500">{t("resendOf")}</dt>
                <dd>
                  <Link
                    href={`${endpointHref}/deliveries/${delivery.resendOf}`}
                    className="font-mono text-xs text-brand-700 hover:underline"
                  >
                    {delivery.resendOf}
                  </Link>
                </dd>
              </>
            ) : null}
          </dl>
        </CardBody>
      </Card>
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader title={t("request")} />
          <CardBody className="space-y-3">
            {headers ? <CodeBlock label={t("requestHeaders")}>{headers}</CodeBlock> : null}
            <CodeBlock label={t("requestBody")}>{pretty(delivery.requestBody)}</CodeBlock>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title={t("response")} />
          <CardBody>
            {delivery.responseStatus === null ? (
              <p className="text-sm text-slate-500">{t("noResponse")}</p>
            ) : (
              <CodeBlock label={t("responseBody")}>{delivery.responseBody || "—"}</CodeBlock>
            )}
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
