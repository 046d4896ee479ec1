import { cn } from "@/components/ui/cn";

export type HighlightSpan = { start: number; end: number; severity: string; label: string };

const MARK: Record<string, string> = {
  low: "bg-slate-200 ring-slate-300",
  medium: "bg-amber-100 ring-amber-300",
  high: "bg-red-100 ring-red-300",
  critical: "bg-red-200 ring-red-400",
};
const RANK = ["low", "medium", "high", "critical"];

/**
 * Text with spans highlighted (`<mark>`, labelled for screen readers and on hover). Spans may
 * overlap: the text is cut at every span edge and each piece takes the most severe span over it.
 */
export function HighlightedText({ text, spans, className }: { text: string; spans: HighlightSpan[]; className?: string }) {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const edges = [...new Set([0, text.length, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const pieces: { start: number; end: number; over: HighlightSpan[] }[] = [];
  for (let i = 0; i < edges.length - 1; i++) {
    const start = edges[i]!;
    const end = edges[i + 1]!;
    pieces.push({ start, end, over: valid.filter((s) => s.start <= start && s.end >= end) });
  }
  return (
    <p className={cn("whitespace-pre-wrap break-words font-mono text-sm leading-6 text-slate-800", className)}>
      {pieces.map(({ start, end, over }) => {
        const piece = text.slice(start, end);
        if (over.length === 0) return <span key={start}>{piece}</span>;
        const worst = over.reduce((w, s) => (RANK.indexOf(s.severity) > RANK.indexOf(w.severity) ? s : w));
        const label = [...new Set(over.map((s) => s.label))].join(", ");
        return (
          <mark
            key={start}
            title={label}
            data-finding={worst.severity}
            className={cn("rounded-sm px-0.5 text-slate-900 ring-1 ring-inset", MARK[worst.severity] ?? MARK.low)}
          >
            {piece}
            <span className="sr-only"> ({label})</span>
          </mark>
        );
      })}
    </p>
  );
}
