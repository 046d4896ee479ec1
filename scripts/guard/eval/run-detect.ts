/** Every detecting system over every held-back row: hit or not, and the wall time of the call. */
import type { SplitRow } from "../split";
import type { System } from "./systems";
import { timed } from "./timed";

export type Result = { row: SplitRow; hit: boolean; ms: number };

export async function runDetect(list: System[], rows: SplitRow[], started: number): Promise<Map<string, Result[]>> {
  const results = new Map<string, Result[]>();
  for (const sys of list) {
    if (!sys.detect) continue;
    const out: Result[] = [];
    for (const row of rows) {
      const { value, ms } = await timed(() => sys.detect!(row.text));
      out.push({ row, hit: value, ms });
    }
    results.set(sys.id, out);
    console.error(`${sys.id}: ${out.length} prompts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return results;
}
