"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { cn } from "./cn";

/**
 * A dropdown on the native <details> disclosure (keyboard and no-JS friendly), which also closes
 * the way people expect a menu to: on a click outside, on Escape (focus returns to the button),
 * and once one of its links or buttons has been chosen.
 */
export function Menu({
  summary,
  summaryLabel,
  summaryClassName,
  className,
  panelClassName,
  children,
}: {
  summary: ReactNode;
  summaryLabel?: string;
  summaryClassName?: string;
  className?: string;
  panelClassName?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const close = () => details.removeAttribute("open");
    const onPointerDown = (event: PointerEvent) => {
      if (details.open && !details.contains(event.target as Node)) close();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !details.open) return;
      close();
      details.querySelector("summary")?.focus();
    };
    const onChosen = (event: MouseEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest("a")) close();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    details.addEventListener("click", onChosen);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
      details.removeEventListener("click", onChosen);
    };
  }, []);
  return (
    <details ref={ref} className={cn("group relative", className)}>
      <summary
        aria-label={summaryLabel}
        className={cn("flex cursor-pointer list-none items-center [&::-webkit-details-marker]:hidden", summaryClassName)}
      >
        {summary}
      </summary>
      <div className={cn("absolute z-20 mt-1 rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200", panelClassName)}>{children}</div>
    </details>
  );
}
