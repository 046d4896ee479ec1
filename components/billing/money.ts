import type { createFormatter } from "next-intl";

/**
 * Money as the reader's locale writes it. Stripe amounts are in the currency's minor unit (cents;
 * yen have none), so the divisor comes from the currency itself, not from a fixed 100. Usage cost
 * is in millionths of the unit and may be below a cent: it keeps up to four decimals.
 */

type NumberFormatter = Pick<ReturnType<typeof createFormatter>, "number">;

function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatMinor(format: NumberFormatter, amount: number, currency: string): string {
  const code = currency.toUpperCase();
  try {
    return format.number(amount / 10 ** minorDigits(code), { style: "currency", currency: code });
  } catch {
    // A currency code Intl does not know: the figure with its code, never a crash.
    return `${format.number(amount / 100)} ${code}`;
  }
}

export function formatMicros(format: NumberFormatter, micros: number, currency: string): string {
  const code = currency.toUpperCase();
  try {
    return format.number(micros / 1_000_000, { style: "currency", currency: code, minimumFractionDigits: 2, maximumFractionDigits: 4 });
  } catch {
    return `${format.number(micros / 1_000_000)} ${code}`;
  }
}
