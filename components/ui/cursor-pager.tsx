import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "./button";

/**
 * The foot of a keyset-paginated list: back to the first page when we are past it, on to the
 * next when there is one. Hrefs are built by the page (they keep its filters); null hides a link.
 */
export function CursorPager({
  label,
  firstHref,
  nextHref,
  firstLabel,
  nextLabel,
}: {
  /** Names the navigation landmark; without one the pager is a plain row. */
  label?: string;
  firstHref: string | null;
  nextHref: string | null;
  firstLabel: ReactNode;
  nextLabel: ReactNode;
}) {
  if (firstHref === null && nextHref === null) return null;
  const links = (
    <>
      {firstHref !== null ? (
        <Link href={firstHref} className={buttonClasses("ghost", "sm")}>
          {firstLabel}
        </Link>
      ) : (
        <span />
      )}
      {nextHref !== null ? (
        <Link href={nextHref} className={buttonClasses("secondary", "sm")}>
          {nextLabel}
        </Link>
      ) : null}
    </>
  );
  const className = "flex items-center justify-between gap-2 border-t border-slate-100 px-5 py-3";
  return label ? (
    <nav aria-label={label} className={className}>
      {links}
    </nav>
  ) : (
    <div className={className}>{links}</div>
  );
}
