import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Menu } from "@/components/ui/menu";
import type { MyTenant } from "@/server/tenancy/list-my-tenants";

/** The organisation switcher: a native disclosure (see Menu), so it works by keyboard and without JS. */
export async function OrgSwitcher({ tenants, current }: { tenants: MyTenant[]; current?: string }) {
  const t = await getTranslations("nav");
  const active = tenants.find((x) => x.slug === current);
  return (
    <Menu
      className="min-w-0"
      summaryClassName="gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
      panelClassName="left-0 w-64 max-w-[calc(100vw-2rem)]"
      summary={
        <>
          <span className="sr-only">{t("switchOrganisation")}: </span>
          <span className="max-w-32 truncate sm:max-w-48">{active?.name ?? t("organisations")}</span>
          <svg aria-hidden viewBox="0 0 20 20" className="size-4 shrink-0 fill-slate-500 transition group-open:rotate-180">
            <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
          </svg>
        </>
      }
    >
      <ul aria-label={t("organisations")}>
        {tenants.map((tenant) => (
          <li key={tenant.id}>
            <Link
              href={`/t/${tenant.slug}`}
              aria-current={tenant.slug === current ? "page" : undefined}
              className="flex items-center justify-between px-3 py-2 text-sm text-slate-700 hover:bg-slate-50 aria-[current=page]:font-semibold"
            >
              <span className="truncate">{tenant.name}</span>
              <span className="ml-2 text-xs text-slate-400">{tenant.slug}</span>
            </Link>
          </li>
        ))}
      </ul>
      <div className="mt-1 border-t border-slate-100 pt-1">
        <Link href="/orgs" className="block px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">
          {t("allOrganisations")}
        </Link>
        <Link href="/orgs/new" className="block px-3 py-2 text-sm text-brand-700 hover:bg-slate-50">
          + {t("newOrganisation")}
        </Link>
      </div>
    </Menu>
  );
}
