"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";

type Status = "active" | "quarantined" | "disabled";

/**
 * Quarantine, disable or reactivate, with the reason people will read later (audit log, agent
 * page). The dialog is the confirmation: nothing changes until "Change status" is pressed.
 */
export function ChangeStatusDialog({
  id,
  name,
  status,
  statuses,
}: {
  id: string;
  name: string;
  status: Status;
  statuses: readonly Status[];
}) {
  const t = useTranslations("agents.statusDialog");
  const tStatus = useTranslations("agents.statuses");
  const tDetail = useTranslations("agents.detail");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [next, setNext] = useState<Status>(status === "active" ? "quarantined" : "active");
  const [reason, setReason] = useState("");
  const change = useMutation(
    trpc.agents.setStatus.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        setReason("");
        router.refresh();
      },
    }),
  );
  const fields = errorOf(change.error)?.fields ?? {};
  const close = () => {
    setOpen(false);
    change.reset();
  };
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {tDetail("changeStatus")}
      </Button>
      <Dialog open={open} onClose={close} title={t("title", { name })} description={t("lead")}>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            change.mutate({ id, status: next, reason: reason.trim() || undefined });
          }}
        >
          <Field label={t("status")} error={fields.status}>
            {(p) => (
              <Select {...p} name="status" value={next} onChange={(e) => setNext(e.target.value as Status)} autoFocus>
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {tStatus(s)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t("reason")} hint={t("reasonHint")} error={fields.reason}>
            {(p) => (
              <textarea
                {...p}
                name="reason"
                rows={3}
                maxLength={500}
                className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          {change.error && !fields.reason ? <Alert tone="error">{errorText(change.error)}</Alert> : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              {tCommon("cancel")}
            </Button>
            <Button type="submit" variant={next === "active" ? "primary" : "danger"} pending={change.isPending}>
              {change.isPending ? t("pending") : t("confirm")}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
