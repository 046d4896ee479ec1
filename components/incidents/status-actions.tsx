"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

type Status = "open" | "acknowledged" | "resolved" | "false_positive";

/** What each status may move to, and how the button reads (server/incidents/transitions.ts decides). */
const NEXT: Record<Status, { to: Status; label: "acknowledge" | "resolve" | "falsePositive" | "reopen" }[]> = {
  open: [
    { to: "acknowledged", label: "acknowledge" },
    { to: "resolved", label: "resolve" },
    { to: "false_positive", label: "falsePositive" },
  ],
  acknowledged: [
    { to: "resolved", label: "resolve" },
    { to: "false_positive", label: "falsePositive" },
    { to: "open", label: "reopen" },
  ],
  resolved: [{ to: "open", label: "reopen" }],
  false_positive: [{ to: "open", label: "reopen" }],
};

/**
 * The incident's status buttons. Closing it (resolve, false positive) asks first, with an optional
 * reason that goes on the timeline; acknowledging and reopening are one click.
 */
export function StatusActions({ id, status }: { id: string; status: Status }) {
  const t = useTranslations("incidents");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState<Status | null>(null);
  const [reason, setReason] = useState("");
  const move = useMutation(
    trpc.incidents.setStatus.mutationOptions({
      onSuccess: () => {
        setConfirming(null);
        setReason("");
        router.refresh();
      },
    }),
  );
  const go = (to: Status) => {
    if (to === "resolved" || to === "false_positive") {
      move.reset();
      setConfirming(to);
    } else move.mutate({ id, status: to });
  };
  const fp = confirming === "false_positive";
  return (
    <div className="flex flex-wrap items-center gap-2">
      {NEXT[status].map(({ to, label }) => (
        <Button
          key={to}
          variant={to === "false_positive" ? "secondary" : to === "resolved" ? "primary" : "secondary"}
          size="sm"
          pending={move.isPending && move.variables?.status === to && !confirming}
          onClick={() => go(to)}
        >
          {t(`actions.${label}`)}
        </Button>
      ))}
      {move.error && !confirming ? (
        <p role="alert" className="w-full text-sm text-red-600">
          {errorText(move.error)}
        </p>
      ) : null}
      <Dialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={fp ? t("confirmFalsePositiveTitle") : t("confirmResolveTitle")}
        description={fp ? t("confirmFalsePositiveBody") : t("confirmResolveBody")}
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (confirming) move.mutate({ id, status: confirming, ...(reason.trim() ? { comment: reason } : {}) });
          }}
        >
          <div className="space-y-1.5">
            <label htmlFor="incident-status-reason" className="block text-sm font-medium text-slate-800">
              {t("reason")}
            </label>
            <textarea
              id="incident-status-reason"
              value={reason}
              maxLength={4000}
              rows={3}
              onChange={(e) => setReason(e.target.value)}
              className="block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500"
            />
          </div>
          {move.error ? (
            <p role="alert" className="text-sm text-red-600">
              {errorText(move.error)}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirming(null)} disabled={move.isPending}>
              {tCommon("cancel")}
            </Button>
            <Button type="submit" variant={fp ? "danger" : "primary"} pending={move.isPending}>
              {fp ? t("actions.falsePositive") : t("actions.resolve")}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
