/**
 * How hard we try, and when we stop.
 *
 * Retries: a delivery is attempted at once, then after each wait below (Inngest `step.sleep`, so a
 * restart or a deploy loses nothing): 5 s, 1 min, 10 min, 1 h, 6 h, then once a day for three
 * days — nine attempts over about 3 days 7 hours. A 2xx ends it (`succeeded`); a 4xx other than
 * 408/429 still retries (receivers misconfigure and fix things), as do 5xx, timeouts and network
 * errors. After the last attempt the delivery is `dead`; an admin may resend it.
 *
 * Auto-disable: an endpoint whose every attempt has failed for at least 24 hours, and at least
 * 8 attempts in a row (so one slow retry schedule alone cannot trip it within a day), is switched
 * off: status `disabled`, reason `failures`, an audit row (`webhook.endpoint_disabled`, which is
 * also an event) and a banner in the portal. Pending retries to it stop. An admin re-enables it.
 */
export const RETRY_DELAYS = ["5s", "1m", "10m", "1h", "6h", "1d", "1d", "1d"] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS.length + 1;

const MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
export const delayMs = (delay: string) => Number(delay.slice(0, -1)) * MS[delay.slice(-1)]!;

export const DISABLE_AFTER_FAILURES = 8;
export const DISABLE_AFTER_MS = 24 * 3_600_000;

/** At most this many endpoints per organisation: the fan-out of one event is bounded. */
export const MAX_ENDPOINTS = 20;

export function shouldDisable(failureStreak: number, failingSince: Date | null, now: Date): boolean {
  return failureStreak >= DISABLE_AFTER_FAILURES && failingSince !== null && now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS;
}

export const isSuccess = (status: number) => status >= 200 && status < 300;
