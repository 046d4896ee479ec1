"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

/** Approve or reject one approval, with an optional comment; the inbox refreshes after. */
export function ApprovalDecision({ id }: { id: string }) {
  const t = useTranslations("workflows.approvals");
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useErrorText();
  const decide = useMutation(trpc.workflows.decide.mutationOptions({ onSuccess: () => router.refresh() }));
  const [comment, setComment] = useState("");
  const send = (decision: "approved" | "rejected") => decide.mutate({ id, decision, comment: comment.trim() || undefined });
  return (
    <div className="space-y-2">
      <Field label={t("comment")}>
        {(p) => <Input {...p} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      {decide.error ? <Alert tone="error">{errorText(decide.error)}</Alert> : null}
      <div className="flex gap-2">
        <Button type="button" onClick={() => send("approved")} pending={decide.isPending} disabled={decide.isPending}>
          {decide.isPending ? t("deciding") : t("approve")}
        </Button>
        <Button type="button" variant="secondary" className="text-red-700" onClick={() => send("rejected")} disabled={decide.isPending}>
          {t("reject")}
        </Button>
      </div>
    </div>
  );
}
