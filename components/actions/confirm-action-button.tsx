"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useErrorText } from "./use-error-text";

/**
 * A destructive action behind a confirmation: the button opens the dialog, confirming runs
 * `action` (a tRPC mutation), the dialog stays open with the error if it fails and closes when
 * it succeeds. Every revoke/remove/delete in the portal goes through this one component.
 */
export function ConfirmActionButton({
  label,
  ariaLabel,
  variant = "ghost",
  className,
  title,
  description,
  confirmLabel,
  typeToConfirm,
  action,
}: {
  label: string;
  ariaLabel?: string;
  variant?: "ghost" | "danger" | "secondary";
  className?: string;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  typeToConfirm?: string;
  action: () => Promise<unknown>;
}) {
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return (
    <>
      <Button
        variant={variant}
        size={variant === "ghost" ? "sm" : "md"}
        className={className}
        onClick={() => setOpen(true)}
        aria-label={ariaLabel}
      >
        {label}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={close}
        onConfirm={async () => {
          setPending(true);
          setError(null);
          try {
            await action();
            close();
          } catch (failure) {
            setError(errorText(failure));
          } finally {
            setPending(false);
          }
        }}
        title={title}
        description={description}
        confirmLabel={confirmLabel}
        typeToConfirm={typeToConfirm}
        pending={pending}
        error={error}
      />
    </>
  );
}
