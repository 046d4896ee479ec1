import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { ShortId } from "@/components/ui/short-id";
import { Td, Th } from "@/components/ui/table";
import type { AuditEntry } from "@/server/audit/list-audit-log";

const ACTOR_TONE = { user: "neutral", api_key: "brand", system: "amber", platform: "red" } as const;

/** An identifier that may be missing: shortened, with the whole value as tooltip and a copy button. */
function Mono({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="text-slate-400">—</span>;
  return <ShortId value={value} />;
}

/**
 * The entries, newest first. Each entry is its own <tbody>: the row of facts, then a full-width
 * row whose native <details> opens the diff and the row hash (keyboard and screen-reader
 * friendly, no script).
 */
export async function AuditTable({ items }: { items: AuditEntry[] }) {
  const t = await getTranslations("audit");
  const f = await getFormatter();
  return (
    <div className="relative overflow-x-auto" role="region" aria-label={t("tableCaption")} tabIndex={0}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">{t("tableCaption")}</caption>
        <thead className="border-b border-slate-200">
          <tr>
            <Th className="px-3">{t("time")}</Th>
            <Th className="px-3">{t("actor")}</Th>
            <Th className="px-3">{t("action")}</Th>
            <Th className="px-3">{t("target")}</Th>
            <Th className="px-3">{t("ip")}</Th>
            <Th className="px-3">{t("requestId")}</Th>
          </tr>
        </thead>
        {items.map((e) => (
          <tbody key={e.id} className="border-b border-slate-100 last:border-b-0">
            <tr>
              <Td className="whitespace-nowrap px-3 pb-1">
                <time dateTime={e.at}>{f.dateTime(new Date(e.at), { dateStyle: "medium", timeStyle: "medium" })}</time>
              </Td>
              <Td className="px-3 pb-1">
                <div className="flex flex-col items-start gap-1">
                  <span className="max-w-36 truncate" title={e.actor.label ?? e.actor.id ?? undefined}>
                    {e.actor.label ?? e.actor.id ?? "—"}
                  </span>
                  <Badge tone={ACTOR_TONE[e.actor.type]}>{t(`actorTypes.${e.actor.type}`)}</Badge>
                </div>
              </Td>
              <Td className="px-3 pb-1">
                <code className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{e.action}</code>
              </Td>
              <Td className="px-3 pb-1">
                {e.target ? (
                  <div className="flex flex-col gap-0.5">
                    <span className="text-xs text-slate-500">{e.target.type}</span>
                    <Mono value={e.target.id} />
                  </div>
                ) : (
                  <Mono value={null} />
                )}
              </Td>
              <Td className="px-3 pb-1">
                <Mono value={e.ip} />
              </Td>
              <Td className="px-3 pb-1">
                <Mono value={e.requestId} />
              </Td>
            </tr>
            <tr>
              <td colSpan={6} className="px-3 pb-3">
                <details className="group text-xs">
                  <summary className="cursor-pointer select-none text-brand-700 hover:underline">{t("details", { seq: e.seq })}</summary>
                  <dl className="mt-2 grid gap-x-4 gap-y-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 sm:grid-cols-[8rem_1fr]">
                    <dt className="font-medium text-slate-600">{t("entryId")}</dt>
                    <dd className="break-all font-mono">{e.id}</dd>
                    <dt className="font-medium text-slate-600">{t("hash")}</dt>
                    <dd className="break-all font-mono">{e.hash}</dd>
                    <dt className="font-medium text-slate-600">{t("userAgent")}</dt>
                    <dd className="break-all">{e.userAgent ?? "—"}</dd>
                    <dt className="font-medium text-slate-600">{t("diff")}</dt>
                    <dd>
                      {e.diff ? (
                        <pre
                          tabIndex={0}
                          aria-label={t("diff")}
                          className="max-h-80 overflow-auto rounded bg-white p-2 font-mono ring-1 ring-slate-200"
                        >
                          {JSON.stringify(e.diff, null, 2)}
                        </pre>
                      ) : (
                        <span className="text-slate-500">{t("noDiff")}</span>
                      )}
                    </dd>
                  </dl>
                </details>
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}
