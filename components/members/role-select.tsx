"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/field";
import type { Role } from "@/server/tenancy/roles";

/**
 * Changes a member's role in place; only the roles the viewer may hand out are offered. Making
 * someone an owner hands them the organisation (they can delete it, or demote you), so it asks
 * first. The select always shows the role the member has, not one that was refused.
 */
export function RoleSelect({ userId, name, role, assignable }: { userId: string; name: string; role: Role; assignable: Role[] }) {
  const t = useTranslations("members");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [pendingOwner, setPendingOwner] = useState(false);
  const update = useMutation(
    trpc.members.updateRole.mutationOptions({
      onSuccess: () => {
        setPendingOwner(false);
        router.refresh();
      },
    }),
  );
  const shown = update.isPending && update.variables ? update.variables.role : role;
  const options = assignable.includes(role) ? assignable : [role, ...assignable];
  const change = (next: Role) => {
    if (next === role) return;
    if (next === "owner") setPendingOwner(true);
    else update.mutate({ userId, role: next });
  };
  return (
    <div>
      <Select
        aria-label={t("changeRoleFor", { name })}
        value={shown}
        disabled={update.isPending}
        className="h-8 w-auto min-w-32 py-1"
        onChange={(e) => change(e.target.value as Role)}
      >
        {options.map((r) => (
          <option key={r} value={r}>
            {tCommon(`roles.${r}`)}
          </option>
        ))}
      </Select>
      {update.error && !pendingOwner ? (
        <p role="alert" className="mt-1 max-w-56 text-xs text-red-600">
          {errorText(update.error)}
        </p>
      ) : null}
      <ConfirmDialog
        open={pendingOwner}
        onClose={() => {
          setPendingOwner(false);
          update.reset();
        }}
        onConfirm={() => update.mutate({ userId, role: "owner" })}
        title={t("makeOwnerTitle", { name })}
        description={t("makeOwnerBody")}
        confirmLabel={t("makeOwner")}
        pending={update.isPending}
        error={update.error ? errorText(update.error) : null}
      />
    </div>
  );
}
