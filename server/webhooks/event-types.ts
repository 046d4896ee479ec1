import { z } from "zod";
import { EVENT_TYPES, isEventType } from "../events/catalogue";

/**
 * What an endpoint subscribes to: catalogue types (`run.completed`), whole families (`run.*`:
 * every type before whose first dot is `run`) or everything (`*`). Validated against the
 * catalogue, so a typo is refused at the door rather than silently matching nothing.
 */

export const EVENT_FAMILIES: readonly string[] = [...new Set(EVENT_TYPES.map((type) => type.split(".")[0]!))].sort();

export function isSubscribable(pattern: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return EVENT_FAMILIES.includes(pattern.slice(0, -2));
  return isEventType(pattern);
}

export const eventTypesInput = z
  .array(z.string().trim().max(100))
  .min(1, "webhookEventTypesRequired")
  .max(50)
  .superRefine((patterns, ctx) => {
    patterns.forEach((pattern, index) => {
      if (!isSubscribable(pattern)) ctx.addIssue({ code: "custom", path: [index], message: "webhookEventTypeUnknown" });
    });
  })
  .transform((patterns) => [...new Set(patterns)])
  .describe("Catalogue event types (`run.completed`), families (`run.*`) or `*` for every event");

/** Whether `type` is one of the patterns an endpoint subscribed to. */
export function subscribes(patterns: readonly string[], type: string): boolean {
  return patterns.some(
    (pattern) => pattern === "*" || pattern === type || (pattern.endsWith(".*") && type.startsWith(pattern.slice(0, -1))),
  );
}
