"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyableValue } from "@/components/ui/copyable-value";
import { Field, Input, Select } from "@/components/ui/field";
import type { Role } from "@/server/tenancy/roles";
import { useErrorText } from "@/components/actions/use-error-text";
import { QuotaExceededAlert, quotaDetailsOf } from "@/components/quotas/quota-exceeded-alert";

/**
 * Invite by link: the link is shown right here (and e-mailed when SMTP is configured). Inviting
 * an address that already has a pending invitation revokes the earlier link: the form says so
 * before it is sent.
 */
export function InviteForm({ assignable, pendingEmails }: { assignable: Role[]; pendingEmails: string[] }) {
  const t = useTranslations("members");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(assignable.includes("developer") ? "developer" : assignable[assignable.length - 1]!);
  const invite = useMutation(
    trpc.invitations.create.mutationOptions({
      onSuccess: () => {
        setEmail("");
        router.refresh();
      },
    }),
  );
  const fields = errorOf(invite.error)?.fields ?? {};
  const reinvite = pendingEmails.includes(email.trim().toLowerCase());
  return (
    <div className="space-y-4">
      <form
        className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
        onSubmit={(event) => {
          event.preventDefault();
          invite.mutate({ email, role });
        }}
      >
        <Field label={t("inviteEmail")} error={fields.email ? errorText(invite.error) : null}>
          {(p) => (
            <Input {...p} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@example.com" />
          )}
        </Field>
        <Field label={t("inviteRole")} hint={t(`roleHelp.${role}`)}>
          {(p) => (
            <Select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {assignable.map((r) => (
                <option key={r} value={r}>
                  {tCommon(`roles.${r}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="sm:pt-7">
          <Button type="submit" pending={invite.isPending} disabled={!email}>
            {invite.isPending ? t("inviting") : reinvite ? t("reinvite") : t("invite")}
          </Button>
        </div>
      </form>
      {reinvite ? <Alert tone="warning">{t("reinviteWarning", { email: email.trim() })}</Alert> : null}
      {invite.error && quotaDetailsOf(invite.error) ? <QuotaExceededAlert details={quotaDetailsOf(invite.error)!} /> : null}
      {invite.error && !fields.email && !quotaDetailsOf(invite.error) ? <Alert tone="error">{errorText(invite.error)}</Alert> : null}
      {invite.data ? (
        <Alert tone="success" title={t("linkReady", { email: invite.data.invitation.email })}>
          <p>{invite.data.emailed ? t("linkEmailed") : t("linkNotEmailed")}</p>
          <CopyableValue value={invite.data.link} testId="invitation-link" />
        </Alert>
      ) : null}
    </div>
  );
}
