import type { ReactNode } from "react";

/** A labelled value in a facts grid (the run page's shape); ids are set in a monospace face and may break anywhere. */
export function Fact({ label, mono, children }: { label: string; mono?: boolean; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={mono ? "mt-1 break-all font-mono text-xs text-slate-800" : "mt-1 break-words text-sm text-slate-800"}>{children}</dd>
    </div>
  );
}
