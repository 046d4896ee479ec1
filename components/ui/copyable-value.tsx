import { CopyButton } from "./copy-button";

/** A one-time value handed to the user (an invitation or reset link), shown whole with a copy button. */
export function CopyableValue({ value, testId }: { value: string; testId?: string }) {
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2">
      <code data-testid={testId} className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-800 ring-1 ring-slate-200">
        {value}
      </code>
      <CopyButton value={value} />
    </div>
  );
}
