"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useGuardLabels } from "@/components/guard/labels";
import { useTRPC } from "@/components/providers/trpc";
import { Menu } from "@/components/ui/menu";

type Rule = "notify_admins" | "quarantine_agent" | "suspend_api_key" | "tighten_policy";
type Metric = "runs" | "tokens" | "agents" | "seats";
type Item = {
  kind: "incident" | "auto_response" | "quota" | "billing";
  incidentId: string | null;
  incidentTitle: string | null;
  detail: Record<string, unknown>;
};

/** Each notice's sentence and where it leads: incident kinds to their incident, quota and billing to the billing page. */
function useNoticeText(slug: string) {
  const t = useTranslations("playbooks");
  const metrics = useTranslations("billing.quota.metrics");
  const labels = useGuardLabels();
  const format = useFormatter();
  const day = (iso: unknown) => format.dateTime(new Date(String(iso)), { dateStyle: "long", timeZone: "UTC" });
  const num = (value: unknown) => format.number(Number(value));
  return (n: Item): { text: string; href: string } => {
    const billing = `/t/${slug}/billing`;
    const d = n.detail;
    switch (n.kind) {
      case "quota": {
        const metric = d.metric as Metric;
        const values = { metric: metrics(metric), threshold: num(d.threshold), used: num(d.used), limit: num(d.limit) };
        // Runs and tokens reset each month; agents and seats are standing counts against the plan.
        // A monthly notice names its month ("November 2026"), not "this month": it is often read in
        // the next one. Quota months are UTC calendar months, so the start is formatted in UTC.
        const monthly = metric === "runs" || metric === "tokens";
        if (!monthly) return { text: t("bell.quotaPlan", values), href: billing };
        const start = new Date(String((d.period as { start?: unknown } | undefined)?.start));
        const period = format.dateTime(start, { year: "numeric", month: "long", timeZone: "UTC" });
        return { text: t("bell.quotaMonth", { ...values, period }), href: billing };
      }
      case "billing":
        return {
          text: d.event === "payment_failed" ? t("bell.paymentFailed", { date: day(d.graceEndsAt) }) : t("bell.downgraded"),
          href: billing,
        };
      case "incident":
        return { text: t("bell.incident", { title: labels.title(n.incidentTitle ?? "") }), href: `/t/${slug}/incidents/${n.incidentId}` };
      case "auto_response": {
        const rule = (d.rule as Rule | undefined) ?? "notify_admins";
        const title = labels.title(n.incidentTitle ?? "");
        return { text: t("bell.auto_response", { action: t(`rules.${rule}`), title }), href: `/t/${slug}/incidents/${n.incidentId}` };
      }
    }
  };
}

/**
 * The bell in the header: the member's unread notifications (high-severity incidents, automatic
 * responses, quota warnings, failed payments and downgrades), newest first, each linking to what
 * it is about. Polls every 30 s; opening one marks it read, and "Mark all read" clears the count.
 */
export function NotificationBell({ slug }: { slug: string }) {
  const t = useTranslations("playbooks");
  const format = useFormatter();
  const noticeOf = useNoticeText(slug);
  const trpc = useTRPC();
  const list = useQuery(trpc.playbooks.notifications.queryOptions(undefined, { refetchInterval: 30_000 }));
  const mark = useMutation(trpc.playbooks.markRead.mutationOptions({ onSuccess: () => void list.refetch() }));
  const unread = list.data?.unread ?? 0;
  return (
    <Menu
      summaryLabel={unread > 0 ? t("bell.labelUnread", { count: unread }) : t("bell.label")}
      summaryClassName="relative rounded-full p-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      // At phone width the bell is not at the header's edge (the user menu is), so a panel anchored
      // to it would run off the left: there it spans the screen under the header instead.
      panelClassName="right-0 mt-2 w-80 max-w-[calc(100vw-2rem)] max-sm:fixed max-sm:inset-x-4 max-sm:top-14 max-sm:w-auto max-sm:max-w-none"
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
            const { text, href } = noticeOf(n);
            return (
              <li key={n.id}>
                <Link
                  href={href}
                  data-kind={n.kind}
                  onClick={() => (n.readAt ? undefined : mark.mutate({ id: n.id }))}
                  className="block break-words px-3 py-2 text-sm hover:bg-slate-50"
                >
                  <span className={n.readAt ? "text-slate-600" : "font-medium text-slate-900"}>{text}</span>
                  <span className="block text-xs text-slate-500">
                    {format.dateTime(new Date(n.createdAt), { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
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
