"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useErrorText } from "./use-error-text";

/** Remove someone (or, for yourself, leave — then `name` is the organisation's), after confirming. */
export function RemoveMemberButton({ userId, name, self }: { userId: string; name: string; self: boolean }) {
  const t = useTranslations("members");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
    }),
  );
  const leave = useMutation(
    trpc.members.leave.mutationOptions({
      onSuccess: () => {
        router.push("/orgs");
        router.refresh();
      },
    }),
  );
  const mutation = self ? leave : remove;
  return (
    <>
      <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setOpen(true)}>
        {self ? t("leave") : t("remove")}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => {
          setOpen(false);
          mutation.reset();
        }}
        onConfirm={() => (self ? leave.mutate() : remove.mutate({ userId }))}
        title={self ? t("leaveTitle", { name }) : t("removeTitle", { name })}
        description={self ? t("leaveBody") : t("removeBody")}
        confirmLabel={self ? t("leave") : t("remove")}
        pending={mutation.isPending}
        error={errorText(mutation.error)}
      />
    </>
  );
}
