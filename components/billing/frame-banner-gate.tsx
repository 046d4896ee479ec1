"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** The frame's payment banner, except on the billing page, which shows its own beside the plan. */
export function FrameBannerGate({ billingPath, label, children }: { billingPath: string; label: string; children: ReactNode }) {
  const pathname = usePathname();
  if (pathname === billingPath || pathname.startsWith(`${billingPath}/`)) return null;
  // A landmark of its own: it sits above the page's main region, and all content belongs to one.
  return (
    <aside aria-label={label} className="mx-auto max-w-7xl px-4 pt-6 sm:px-6">
      {children}
    </aside>
  );
}
