import { useTranslations } from "next-intl";

/** "credit_card" → "credit card": the last resort when no catalogue names a type or reason. */
const humanise = (code: string) => code.replaceAll("_", " ");

/**
 * Names for what the guard reports, in the reader's language. Detector names are ours
 * (guardPolicy.json); finding types and reasons come from the guard's own catalogue
 * (messages/<locale>/guard.json: `types`, `reasons`) when it has them, else the code, readable.
 * Works in server and client components alike (no async).
 */
export function useGuardLabels() {
  const t = useTranslations();
  const lookup = (key: string, code: string) => (t.has(key) ? t(key as never) : humanise(code));
  return {
    detector: (id: string) => lookup(`guardPolicy.detectors.${id}`, id),
    detectorHelp: (id: string) => (t.has(`guardPolicy.detectorHelp.${id}`) ? t(`guardPolicy.detectorHelp.${id}` as never) : null),
    type: (type: string) => lookup(`guard.types.${type}`, type),
    reason: (reason: string) => lookup(`guard.reasons.${reason}`, reason),
    severity: (level: string) => lookup(`guardPolicy.severities.${level}`, level),
    action: (action: string) => lookup(`guardPolicy.actions.${action}`, action),
    /** An incident's title key `<detector>.<type>`: the type's name, or the detector's. */
    title: (key: string) => {
      const [detector = "", ...rest] = key.split(".");
      const type = rest.join(".");
      return t.has(`guard.types.${type}`)
        ? t(`guard.types.${type}` as never)
        : `${lookup(`guardPolicy.detectors.${detector}`, detector)}: ${humanise(type)}`;
    },
  };
}

export type Tone = "neutral" | "brand" | "green" | "amber" | "red";

export const SEVERITY_TONE: Record<string, Tone> = { none: "green", low: "neutral", medium: "amber", high: "red", critical: "red" };
export const ACTION_TONE: Record<string, Tone> = { allow: "green", flag: "amber", redact: "brand", block: "red" };
