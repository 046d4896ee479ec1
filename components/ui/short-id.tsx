"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";

/**
 * A long identifier in little room: the start of it, the whole of it as a tooltip, and a copy
 * button (keyboard reachable, announced) so nobody has to select a truncated value.
 */
export function ShortId({ value }: { value: string }) {
  const t = useTranslations("common");
  const [copied, setCopied] = useState(false);
  return (
    <span className="flex max-w-32 items-center gap-1">
      <span className="truncate font-mono text-xs" title={value}>
        {value}
      </span>
      <button
        type="button"
        title={t("copyValue", { value })}
        aria-label={copied ? t("copied") : t("copyValue", { value })}
        className="shrink-0 rounded p-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-500"
        onClick={async () => {
          await navigator.clipboard.writeText(value).catch(() => {});
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        }}
      >
        <svg aria-hidden viewBox="0 0 20 20" className="size-3.5 fill-current">
          {copied ? (
            <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" />
          ) : (
            <path d="M7 3a2 2 0 0 0-2 2v1H4a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h7a2 2 0 0 0 2-2v-1h1a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2H7Zm6 11v-6a2 2 0 0 0-2-2H7V5h7v9h-1ZM4 8h7v8H4V8Z" />
          )}
        </svg>
      </button>
    </span>
  );
}
