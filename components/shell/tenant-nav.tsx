"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

export type TenantNavItem = {
  href: string;
  key:
    | "overview"
    | "agents"
    | "runs"
    | "members"
    | "apiKeys"
    | "providers"
    | "audit"
    | "events"
    | "apiReference"
    | "settings"
    | "knowledge"
    | "webhooks"
    | "incidents"
    | "guard"
    | "workflows"
    | "approvals"
    | "playbooks"
    | "billing";
};

/** The organisation's sections; the server decides which the role may see. */
export function TenantNav({ items }: { items: TenantNavItem[] }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("tenantNav")} className="md:w-52 md:shrink-0">
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {items.map((item) => {
          const active = pathname === item.href || (item.key !== "overview" && pathname.startsWith(`${item.href}/`));
          return (
            <li key={item.key}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className="block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-white hover:text-slate-900 aria-[current=page]:bg-white aria-[current=page]:text-slate-900 aria-[current=page]:shadow-sm aria-[current=page]:ring-1 aria-[current=page]:ring-slate-200"
              >
                {t(item.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
