/**
 * Horizontal bars for values in 0..1 (a verdict's per-detector risk), readable at phone width.
 * Each bar is a `meter` to assistive technology, with its label and value.
 */
export function ComponentBars({
  items,
  format,
}: {
  items: { key: string; label: string; value: number }[];
  format: (value: number) => string;
}) {
  return (
    <ul className="space-y-2">
      {items.map((item) => {
        const pct = Math.round(Math.max(0, Math.min(1, item.value)) * 100);
        return (
          <li
            key={item.key}
            className="grid grid-cols-[minmax(0,9rem)_1fr_2.5rem] items-center gap-2 text-sm sm:grid-cols-[minmax(0,12rem)_1fr_2.5rem]"
          >
            <span className="truncate text-slate-700" title={item.label}>
              {item.label}
            </span>
            <span
              role="meter"
              aria-label={item.label}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
              className="h-2.5 overflow-hidden rounded-full bg-slate-100"
            >
              {/* An SVG rect, not a styled span: its width is an attribute, and the CSP refuses inline style attributes. */}
              <svg aria-hidden className="block h-full w-full" viewBox="0 0 100 1" preserveAspectRatio="none">
                <rect
                  width={pct}
                  height={1}
                  className={pct >= 70 ? "fill-red-500" : pct >= 30 ? "fill-amber-500" : pct > 0 ? "fill-brand-500" : "fill-transparent"}
                />
              </svg>
            </span>
            <span className="text-right tabular-nums text-slate-600">{format(item.value)}</span>
          </li>
        );
      })}
    </ul>
  );
}
