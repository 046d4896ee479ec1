import { isIP } from "node:net";
import { z } from "zod";
import { vetAddress } from "../agents/tools/net/ip-policy";
import { env } from "../env";
import { ValidationError } from "../errors";
import type { ValidationKey } from "../i18n/server-messages";
import { vetWebhookUrl } from "./network";

/**
 * An endpoint URL, checked by its spelling here (https — http only outside production —, no user
 * name or password, a host name rather than an IP address, at most 2048 characters) and by where
 * it points in `assertPublicTarget` (every address the name resolves to must be public). The
 * delivery checks again at every attempt: DNS can change after creation.
 */
function urlProblem(value: string): ValidationKey | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "webhookUrlInvalid";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && env.NODE_ENV !== "production")) return "webhookUrlHttps";
  if (url.username || url.password) return "webhookUrlCredentials";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!host) return "webhookUrlInvalid";
  if (isIP(host) !== 0) return vetAddress(host).allowed ? "webhookUrlIpLiteral" : "webhookUrlPrivate";
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local"))
    return "webhookUrlPrivate";
  return null;
}

export const webhookUrlInput = z
  .string()
  .trim()
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = urlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .describe("Where events are POSTed: an https:// URL on a public host");

/** The URL's host, which is what the audit log and events record (a path or query may carry a token). */
export const hostOfUrl = (url: string) => new URL(url).hostname;

/**
 * Refuses a URL whose host resolves to a private, loopback, link-local or reserved address (400,
 * `webhook_url_private`). A name that does not resolve now is accepted: deliveries retry, and
 * each attempt is vetted again.
 */
export async function assertPublicTarget(tenantId: string, url: string): Promise<void> {
  const vetted = await vetWebhookUrl(tenantId, url).then(
    () => null,
    (error: unknown) => error as { code?: string },
  );
  if (vetted && vetted.code === "ssrf_blocked") {
    const message = "This URL points to a private, loopback or link-local address; webhooks are only sent to public hosts.";
    throw new ValidationError(message, { url: message }, "webhook_url_private");
  }
}
