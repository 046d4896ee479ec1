export type Bar = { label: string; value: number };

/** The smallest 1/2/2.5/5 × 10ⁿ at or above `max`, so the top gridline is a round number. */
export function niceCeiling(max: number): number {
  if (max <= 0) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= max) return Math.max(1, step * magnitude);
  }
  return 10 * magnitude;
}

const W = 720;
const H = 220;
const M = { top: 18, right: 8, bottom: 26, left: 36 };

/**
 * A plain SVG bar chart, server-rendered, no library. The picture is one image to assistive
 * technology (`summary` says what it shows); the values themselves are in a visually hidden
 * table, which is what a screen reader user browses instead. Labels and numbers arrive already
 * formatted, so the chart knows nothing about locales.
 */
export function BarChart({
  data,
  summary,
  caption,
  labelHeader,
  valueHeader,
  formatValue = String,
}: {
  data: Bar[];
  summary: string;
  caption: string;
  labelHeader: string;
  valueHeader: string;
  formatValue?: (value: number) => string;
}) {
  const top = niceCeiling(Math.max(0, ...data.map((d) => d.value)));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const slot = plotW / Math.max(1, data.length);
  const barW = Math.max(2, slot * 0.62);
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  // Label every bar while they fit, else every n-th (a month of days would overlap).
  const labelEvery = Math.max(1, Math.ceil(data.length / 14));
  const ticks = [0, top / 2, top].filter((v) => Number.isInteger(v));

  return (
    <figure className="w-full">
      <svg role="img" aria-label={summary} viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" preserveAspectRatio="xMidYMid meet">
        {ticks.map((v) => (
          <g key={v}>
            <line
              x1={M.left}
              x2={W - M.right}
              y1={y(v)}
              y2={y(v)}
              className={v === 0 ? "stroke-slate-300" : "stroke-slate-200"}
              strokeDasharray={v === 0 ? undefined : "3 3"}
            />
            <text x={M.left - 6} y={y(v)} dy="0.32em" textAnchor="end" className="fill-slate-500 text-[11px]">
              {formatValue(v)}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const x = M.left + i * slot + (slot - barW) / 2;
          const h = (d.value / top) * plotH;
          return (
            <g key={`${d.label}-${i}`}>
              <title>{`${d.label}: ${formatValue(d.value)}`}</title>
              {/* A transparent full-height target, so the tooltip works on empty days too. */}
              <rect x={M.left + i * slot} y={M.top} width={slot} height={plotH} fill="transparent" />
              {d.value > 0 ? <rect x={x} y={y(d.value)} width={barW} height={Math.max(1, h)} rx={2} className="fill-brand-500" /> : null}
              {d.value > 0 ? (
                <text x={x + barW / 2} y={y(d.value) - 4} textAnchor="middle" className="fill-slate-700 text-[10px] font-medium">
                  {formatValue(d.value)}
                </text>
              ) : null}
              {i % labelEvery === 0 ? (
                <text x={x + barW / 2} y={H - 8} textAnchor="middle" className="fill-slate-500 text-[10px]">
                  {d.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col">{valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d, i) => (
            <tr key={`${d.label}-${i}`}>
              <th scope="row">{d.label}</th>
              <td>{formatValue(d.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
