import { scopes } from "@/server/http/process-scopes";
import { STRIPE_WEBHOOK_MAX_BYTES, receiveStripeWebhook } from "@/server/billing/stripe/receive-webhook";
import { PayloadTooLargeError } from "@/server/errors";
import { readBodyWithLimit } from "@/server/http/read-body";
import { requestMetaFromHeaders } from "@/server/http/request-meta";

export const dynamic = "force-dynamic";

/**
 * Stripe's webhooks (configure `<APP_URL>/api/webhooks/stripe` in Stripe). Thin: the raw body —
 * the signature is over its exact bytes — goes to the verifier and recorder (server/billing/stripe).
 */
export async function POST(req: Request) {
  let raw: string | null;
  try {
    raw = await readBodyWithLimit(req, STRIPE_WEBHOOK_MAX_BYTES);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return Response.json({ error: "payload_too_large" }, { status: 413 });
    throw error;
  }
  const meta = requestMetaFromHeaders(req.headers);
  const answer = await receiveStripeWebhook({ scopes, meta }, raw ?? "", req.headers.get("stripe-signature"));
  return Response.json(answer.body, { status: answer.status });
}
