/**
 * docs/benchmarks.md: what is above the marker is hand-written and kept; the figures go below it,
 * with the run they replace kept once as "Previous run".
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export const MARKER = "<!-- bench:generated — everything below is written by `npm run bench`; edit above this line -->";

const INTRO = `# Benchmarks

Baseline figures for Agentry's hot path, measured by \`npm run bench\` (scripts/bench.ts; options in
scripts/bench/options.ts). They are a baseline, not a test, and not part of \`npm test\`: later work
must raise them. Compare runs only on the same machine, and read every figure next to the bare-Node
figures of the same run. On a shared machine, look at the “load” and “cores busy” columns before
trusting a req/s figure; “CPU ms/req” moves much less with contention.
`;

export const PREVIOUS_MARKER = "<!-- bench:previous — the run before the one above, kept for comparison -->";

/** Demotes Markdown headings one level (the previous run sits under its own heading). */
const demote = (markdown: string) => markdown.replace(/^(#{2,5}) /gm, "#$1 ");

/**
 * Writes the new figures under the marker and keeps the run they replace below them, as
 * "Previous run" (one run back only: older ones are in git).
 */
export function writeDocs(file: string, generated: string) {
  let intro = INTRO;
  let previous = "";
  if (existsSync(file)) {
    const text = readFileSync(file, "utf8");
    const at = text.indexOf(MARKER);
    if (at !== -1) {
      intro = text.slice(0, at).trimEnd() + "\n";
      const before = text.slice(at + MARKER.length);
      previous = before.split(PREVIOUS_MARKER)[0]!.trim();
    }
  }
  const kept = previous ? `\n${PREVIOUS_MARKER}\n\n## Previous run\n\n${demote(previous)}\n` : "";
  writeFileSync(file, `${intro}\n${MARKER}\n\n${generated}${kept}`);
}
