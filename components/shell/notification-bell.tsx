"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useGuardLabels } from "@/components/guard/labels";
import { useTRPC } from "@/components/providers/trpc";
import { Menu } from "@/components/ui/menu";

type Rule = "notify_admins" | "quarantine_agent" | "suspend_api_key" | "tighten_policy";

/**
 * The bell in the header: the member's unread notifications (high-severity incidents, automatic
 * responses), newest first, each linking to its incident. Polls every 30 s; opening one marks it
 * read, and "Mark all read" clears the count.
 */
export function NotificationBell({ slug }: { slug: string }) {
  const t = useTranslations("playbooks");
  const labels = useGuardLabels();
  const trpc = useTRPC();
  const list = useQuery(trpc.playbooks.notifications.queryOptions(undefined, { refetchInterval: 30_000 }));
  const mark = useMutation(trpc.playbooks.markRead.mutationOptions({ onSuccess: () => void list.refetch() }));
  const unread = list.data?.unread ?? 0;
  return (
    <Menu
      summaryLabel={unread > 0 ? t("bell.labelUnread", { count: unread }) : t("bell.label")}
      summaryClassName="relative rounded-full p-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      panelClassName="right-0 mt-2 w-80 max-w-[calc(100vw-2rem)]"
      summary={
        <>
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} className="size-5" aria-hidden>
            <path
              strokeLinecap="round"
              strokeLinejoin="round"
              d="M15 17h5l-1.4-1.4A2 2 0 0 1 18 14.2V11a6 6 0 1 0-12 0v3.2a2 2 0 0 1-.6 1.4L4 17h5m6 0a3 3 0 1 1-6 0"
            />
          </svg>
          {unread > 0 ? (
            <span
              data-testid="bell-count"
              className="absolute -right-0.5 -top-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white"
            >
              {unread > 99 ? "99+" : unread}
            </span>
          ) : null}
        </>
      }
    >
      <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
        <p className="text-sm font-semibold text-slate-900">{t("bell.title")}</p>
        {unread > 0 ? (
          <button type="button" onClick={() => mark.mutate({})} className="text-xs text-brand-700 hover:underline">
            {t("bell.markAll")}
          </button>
        ) : null}
      </div>
      {list.isPending ? (
        <p className="px-3 py-3 text-sm text-slate-500">{t("bell.loading")}</p>
      ) : list.isError ? (
        <p role="alert" className="px-3 py-3 text-sm text-red-600">
          {t("bell.error")}
        </p>
      ) : list.data.items.length === 0 ? (
        <p className="px-3 py-3 text-sm text-slate-500">{t("bell.empty")}</p>
      ) : (
        <ul className="max-h-96 overflow-y-auto">
          {list.data.items.map((n) => {
            const title = labels.title(n.incidentTitle);
            const rule = (n.detail.rule as Rule | undefined) ?? "notify_admins";
            const text =
              n.kind === "incident" ? t("bell.incident", { title }) : t("bell.auto_response", { action: t(`rules.${rule}`), title });
            return (
              <li key={n.id}>
                <Link
                  href={`/t/${slug}/incidents/${n.incidentId}`}
                  onClick={() => (n.readAt ? undefined : mark.mutate({ id: n.id }))}
                  className="block px-3 py-2 text-sm hover:bg-slate-50"
                >
                  <span className={n.readAt ? "text-slate-600" : "font-medium text-slate-900"}>{text}</span>
                  <span className="block text-xs text-slate-500">
                    {new Date(n.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </Menu>
  );
}
