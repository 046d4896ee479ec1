import Link from "next/link";

/** `compact`: the name hides on a phone, where the header needs the room. */
export function Logo({ href = "/", compact = false }: { href?: string; compact?: boolean }) {
  return (
    <Link href={href} className="inline-flex items-center gap-2 font-semibold text-slate-900">
      <svg aria-hidden viewBox="0 0 24 24" className="size-6 shrink-0">
        <rect width="24" height="24" rx="6" className="fill-brand-600" />
        <path d="M7 17 12 6l5 11M9.2 13h5.6" stroke="white" strokeWidth="2" fill="none" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span className={compact ? "sr-only sm:not-sr-only" : undefined}>Agentry</span>
    </Link>
  );
}
