"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";

/**
 * Confirmation for a console action: says what will happen, and asks for the reason that goes
 * into both audit logs. The confirm button waits for a reason of the required length.
 */
export function ReasonDialog({
  open,
  onClose,
  onConfirm,
  title,
  description,
  confirmLabel,
  danger = false,
  minLength = 3,
  pending,
  error,
  reasonError,
  children,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: (reason: string) => void;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  minLength?: number;
  pending?: boolean;
  error?: string | null;
  reasonError?: string | null;
  children?: ReactNode;
}) {
  const t = useTranslations("admin");
  const tCommon = useTranslations("common");
  const [reason, setReason] = useState("");
  const ready = reason.trim().length >= minLength;
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) onConfirm(reason.trim());
        }}
      >
        {children}
        <Field label={t("reason")} hint={t("reasonMin", { min: minLength })} error={reasonError}>
          {(p) => <Input {...p} name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />}
        </Field>
        {error ? (
          <p className="text-sm text-red-600" role="alert">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            {tCommon("cancel")}
          </Button>
          <Button type="submit" variant={danger ? "danger" : "primary"} pending={pending} disabled={!ready}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
