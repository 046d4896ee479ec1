import { cn } from "./cn";

/**
 * Preformatted code that may be wider than its box. It scrolls sideways, so it is a focusable,
 * labelled region: keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export function CodeBlock({ label, className, children }: { label: string; className?: string; children: string }) {
  return (
    <pre
      tabIndex={0}
      role="region"
      aria-label={label}
      className={cn(
        "overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-relaxed text-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500",
        className,
      )}
    >
      <code>{children}</code>
    </pre>
  );
}
