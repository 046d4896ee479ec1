/** A Markdown table appended to the report's lines: first column left-aligned, the figures right-aligned. */
export function table(lines: string[], header: string[], body: string[][]): void {
  lines.push(`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
  for (const b of body) lines.push(`| ${b.join(" | ")} |`);
  lines.push("");
}
