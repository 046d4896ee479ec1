"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A modal on the native <dialog> element: focus is trapped and restored by the browser, Esc
 * closes it, and the rest of the page is inert while it is open.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onCancel={(event) => {
        // Esc asks the owner to close (it may ask "are you sure?" first) instead of closing outright.
        event.preventDefault();
        onClose();
      }}
      aria-labelledby="dialog-title"
      className="m-auto w-full max-w-lg rounded-lg bg-white p-0 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
    >
      {open ? (
        <div className="space-y-4 p-6">
          <div>
            <h2 id="dialog-title" className="text-lg font-semibold text-slate-900">
              {title}
            </h2>
            {description ? <div className="mt-1 text-sm text-slate-600">{description}</div> : null}
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
