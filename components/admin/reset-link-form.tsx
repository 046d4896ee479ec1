"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { useFieldError } from "@/components/auth/form-error";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyableValue } from "@/components/ui/copyable-value";
import { Field, Input } from "@/components/ui/field";

/**
 * An operator issues a one-time reset link for a user who cannot receive e-mail. The link is
 * shown here once (not stored; a new one retires it) and the issue is in the platform audit log.
 */
export function ResetLinkForm() {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const fieldError = useFieldError();
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const [reason, setReason] = useState("");
  const issue = useMutation(trpc.admin.issueResetLink.mutationOptions({ onSuccess: () => setReason("") }));
  const fields = errorOf(issue.error)?.fields ?? {};
  return (
    <div className="space-y-4">
      <form
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          issue.mutate({ email, reason });
        }}
      >
        <Field label={t("resetEmail")} error={fieldError(fields.email)}>
          {(p) => <Input {...p} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label={t("resetReason")} hint={t("resetReasonHint")} error={fieldError(fields.reason)}>
          {(p) => <Input {...p} required maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div>
          <Button type="submit" pending={issue.isPending} disabled={!email || !reason}>
            {t("resetIssue")}
          </Button>
        </div>
      </form>
      {issue.error && !fields.email && !fields.reason ? <Alert tone="error">{errorText(issue.error)}</Alert> : null}
      {issue.data ? (
        <Alert tone="warning" title={t("resetIssued", { minutes: issue.data.expiresInMinutes })}>
          <CopyableValue value={issue.data.link} testId="admin-reset-link" />
        </Alert>
      ) : null}
    </div>
  );
}
