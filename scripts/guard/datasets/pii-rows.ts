/** PII spans from presidio-synth-pii (not a classifier input: the eval scores span overlap). */
import path from "node:path";
import { datasetsDir, json } from "./files";

export type PiiRow = { text: string; spans: { type: string; start: number; end: number }[] };
export function loadPii(root = datasetsDir()): PiiRow[] {
  type Raw = { full_text: string; spans: { entity_type: string; start_position: number; end_position: number }[] };
  return json<Raw[]>(path.join(root, "presidio-synth-pii"), "synth_dataset_v2.json").map((r) => ({
    text: r.full_text,
    spans: r.spans.map((s) => ({ type: s.entity_type, start: s.start_position, end: s.end_position })),
  }));
}
