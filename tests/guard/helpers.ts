import { DEFAULT_POLICY, scan, type Direction, type Finding, type ScanContext } from "@/server/guard";

/** Findings of one detector for `text`, with the original substring each one covers. */
export function findingsOf(text: string, detector: Finding["detector"], direction: Direction = "input", context?: ScanContext) {
  return scan(text, { direction, policy: DEFAULT_POLICY, context })
    .findings.filter((f) => f.detector === detector)
    .map((f) => ({ ...f, text: text.slice(f.start, f.end) }));
}

/** Test credentials are assembled at run time so that secret scanners do not flag this repository. */
export const join = (...parts: string[]) => parts.join("");
