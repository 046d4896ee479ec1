import type { Inngest, InngestFunction } from "inngest";
import type { Scopes } from "@/db/scope";
import { createDriver, type Driver } from "@/inngest/driver/driver";
import type { Clock } from "@/inngest/driver/clock";
import { EVENTS_CHANNEL } from "./append-event";
import { dispatchBatch, type Forward } from "./dispatcher";

/**
 * The event engine of one process: the outbox dispatcher, and in embedded mode the in-process
 * driver's loop. Both wake on Postgres NOTIFY `agentry_events` (sent at commit by appendEvents)
 * and poll as a fallback (a missed notification, a sleep falling due, a lease expiring). Several
 * processes may run it at once: rows are taken with SKIP LOCKED and runs under leases.
 */
export type EventEngineOptions = {
  scopes: Pick<Scopes, "withEngine">;
  client: Inngest.Any;
  functions: readonly InngestFunction.Any[];
  mode: "embedded" | "remote";
  listen?: (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;
  pollMs?: number;
  leaseMs?: number;
  clock?: Clock;
  signingKey?: string | null;
  log?: (level: "info" | "warn" | "error", facts: Record<string, unknown>, message: string) => void;
};

export type EventEngine = { driver: Driver | null; wake(): void; stop(): Promise<void> };

/** A wake-up that can be awaited with a deadline: `wait(ms)` resolves on `wake()` or after `ms`. */
function signal() {
  let resolve: (() => void) | null = null;
  let pending = false;
  return {
    wake() {
      if (resolve) resolve();
      else pending = true;
    },
    wait(ms: number) {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((r) => {
        const timer = setTimeout(done, Math.max(0, ms));
        function done() {
          clearTimeout(timer);
          resolve = null;
          r();
        }
        resolve = done;
      });
    },
  };
}

export async function startEventEngine(options: EventEngineOptions): Promise<EventEngine> {
  const log = options.log ?? (() => {});
  const pollMs = options.pollMs ?? 1_000;
  const driver =
    options.mode === "embedded"
      ? createDriver({ ...options, log, leaseMs: options.leaseMs, signingKey: options.signingKey ?? null })
      : null;
  const forward: Forward = driver
    ? { accept: (tx, events) => driver.accept(tx, events) }
    : { send: async (events) => void (await options.client.send(events)) };
  const dispatchWake = signal();
  const driverWake = signal();
  let running = true;
  const onError = (id: string, error: unknown) =>
    log("warn", { eventId: id, reason: (error as Error).message }, "event not dispatched; will retry");

  const dispatchLoop = (async () => {
    while (running) {
      try {
        let delivered = 0;
        for (
          let n = await dispatchBatch(options.scopes, forward, { onError });
          n > 0 && running;
          n = await dispatchBatch(options.scopes, forward, { onError })
        ) {
          delivered += n;
        }
        if (delivered) driverWake.wake();
      } catch (error) {
        log("warn", { reason: (error as Error).message }, "dispatcher pass failed");
      }
      if (running) await dispatchWake.wait(pollMs);
    }
  })();

  const driverLoop = (async () => {
    while (running && driver) {
      try {
        if ((await driver.tick()) > 0) continue;
        const next = await driver.nextDueAt();
        const clock = driver.context.clock;
        // Due already but nothing claimable (another process holds it, or its key is at its limit): look again shortly.
        await driverWake.wait(next === null ? pollMs : Math.min(pollMs, Math.max(100, next - clock.now())));
      } catch (error) {
        log("warn", { reason: (error as Error).message }, "driver pass failed");
        await driverWake.wait(pollMs);
      }
    }
  })();

  const unlisten = options.listen
    ? await options
        .listen(EVENTS_CHANNEL, () => dispatchWake.wake())
        .catch((error: unknown) => {
          log("warn", { reason: (error as Error).message }, "LISTEN failed; polling only");
          return null;
        })
    : null;

  return {
    driver,
    wake() {
      dispatchWake.wake();
      driverWake.wake();
    },
    async stop() {
      running = false;
      dispatchWake.wake();
      driverWake.wake();
      await unlisten?.().catch(() => {});
      await Promise.all([dispatchLoop, driverLoop]);
    },
  };
}
