/** The delivery states, for pages that filter by them (app/ does not import db/). */
export { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from "@/db/schema/webhooks";
