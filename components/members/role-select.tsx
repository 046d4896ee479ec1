"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/providers/trpc";
import { Select } from "@/components/ui/field";
import type { Role } from "@/server/tenancy/roles";
import { useErrorText } from "@/components/actions/use-error-text";

/** Changes a member's role in place; only the roles the viewer may hand out are offered. */
export function RoleSelect({ userId, name, role, assignable }: { userId: string; name: string; role: Role; assignable: Role[] }) {
  const t = useTranslations("members");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.members.updateRole.mutationOptions({ onSuccess: () => router.refresh() }));
  const options = assignable.includes(role) ? assignable : [role, ...assignable];
  return (
    <div>
      <Select
        aria-label={t("changeRoleFor", { name })}
        defaultValue={role}
        disabled={update.isPending}
        className="h-8 w-36 py-1"
        onChange={(e) => update.mutate({ userId, role: e.target.value as Role })}
      >
        {options.map((r) => (
          <option key={r} value={r}>
            {tCommon(`roles.${r}`)}
          </option>
        ))}
      </Select>
      {update.error ? (
        <p role="alert" className="mt-1 max-w-56 text-xs text-red-600">
          {errorText(update.error)}
        </p>
      ) : null}
    </div>
  );
}
