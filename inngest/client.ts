import { Inngest } from "inngest";

/**
 * The one Inngest client. Where events go and who runs functions is decided by the environment
 * (README, "Where Inngest runs"; inngest/driver/README.md): Inngest Cloud or a self-hosted `inngest start` when `INNGEST_BASE_URL`
 * / `INNGEST_EVENT_KEY` are set, else the in-process driver. Our code never calls `inngest.send`
 * directly: events enter through the outbox (server/events) and the dispatcher forwards them.
 */
export const inngest = new Inngest({ id: "agentry" });
