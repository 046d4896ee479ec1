/** Micro-USD as dollars with enough digits to tell small runs apart (a local run costs nothing). */
export function formatMicroUsd(micros: number): string {
  if (micros === 0) return "0";
  const dollars = micros / 1_000_000;
  return dollars >= 0.01 ? dollars.toFixed(4) : dollars.toPrecision(2);
}

/** One line of a long text, for a table cell. */
export function oneLine(text: string | null | undefined, max = 90): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
