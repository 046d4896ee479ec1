import { listen, scopes } from "@/db";
import { embeddedSigningKey } from "@/inngest/driver/signing";
import { env } from "../env";
import { logger } from "../obs/logger";
import { startEventEngine, type EventEngine } from "./dispatcher-engine";

/**
 * Starts this process's event engine (server start-up, the API tier): the outbox dispatcher, and
 * where no Inngest server is configured the in-process driver too. Every process may run it —
 * SKIP LOCKED and leases keep them from stepping on each other. Kept on globalThis because Next
 * may load this module more than once, and one engine per process is enough.
 */
type Shared = { engine?: Promise<EventEngine | null> };
const shared = ((globalThis as typeof globalThis & { __agentryEngine?: Shared }).__agentryEngine ??= {});

export function engineMode(): "embedded" | "remote" | "off" {
  const chosen = env.AGENTRY_EVENT_ENGINE;
  if (chosen !== "auto") return chosen;
  return env.INNGEST_BASE_URL || env.INNGEST_EVENT_KEY || env.INNGEST_DEV ? "remote" : "embedded";
}

export function startEngineFromEnv(): Promise<EventEngine | null> {
  shared.engine ??= (async () => {
    const mode = engineMode();
    if (mode === "off") return null;
    // The serve route and the driver share the key (signing.ts explains why one is needed here).
    const signingKey = mode === "embedded" ? embeddedSigningKey() : null;
    const [{ inngest }, { functions }] = await Promise.all([import("@/inngest/client"), import("@/inngest/functions")]);
    const engine = await startEventEngine({
      scopes,
      listen,
      client: inngest,
      functions,
      mode,
      signingKey,
      log: (level, facts, message) => logger[level](facts, message),
    });
    logger.info({ mode, functions: functions.length }, "event engine started");
    return engine;
  })();
  return shared.engine;
}

/** Stops the loops (in-flight calls finish; their leases are released by their saves). */
export async function stopEngine(): Promise<void> {
  const engine = await shared.engine?.catch(() => null);
  shared.engine = undefined;
  await engine?.stop();
}
