import { useTranslations } from "next-intl";

/** "credit_card" → "credit card": the last resort when no catalogue names a type or reason. */
const humanise = (code: string) => code.replaceAll("_", " ");

/**
 * Names for what the guard reports, in the reader's language. Detector names are ours
 * (guardPolicy.json, worded for the policy editor); finding types, reasons and the detectors'
 * explanations come from the guard's own catalogue (messages/<locale>/guard.json) when it has
 * them, else the code, readable.
 * Works in server and client components alike (no async).
 */
export function useGuardLabels() {
  const t = useTranslations();
  const text = (key: string) => (t.has(key) ? t(key as never) : null);
  const lookup = (key: string, code: string) => text(key) ?? humanise(code);
  return {
    detector: (id: string) => lookup(`guardPolicy.detectors.${id}`, id),
    /** What the detector looks for: the guard's own explanation, else ours. */
    detectorHelp: (id: string) => text(`guard.detectors.${id}.description`) ?? text(`guardPolicy.detectorHelp.${id}`),
    type: (type: string) => lookup(`guard.types.${type}.label`, type),
    typeHelp: (type: string) => text(`guard.types.${type}.description`),
    reason: (reason: string) => lookup(`guard.reasons.${reason}.label`, reason),
    reasonHelp: (reason: string) => text(`guard.reasons.${reason}.description`),
    severity: (level: string) => lookup(`guardPolicy.severities.${level}`, level),
    action: (action: string) => lookup(`guardPolicy.actions.${action}`, action),
    /** An incident's title key `<detector>.<type>`: the type's name, or the detector's and the code. */
    title: (key: string) => {
      const [detector = "", ...rest] = key.split(".");
      const type = rest.join(".");
      return text(`guard.types.${type}.label`) ?? `${lookup(`guardPolicy.detectors.${detector}`, detector)}: ${humanise(type)}`;
    },
  };
}

export type Tone = "neutral" | "brand" | "green" | "amber" | "red";

export const SEVERITY_TONE: Record<string, Tone> = { none: "green", low: "neutral", medium: "amber", high: "red", critical: "red" };
export const ACTION_TONE: Record<string, Tone> = { allow: "green", flag: "amber", redact: "brand", block: "red" };
