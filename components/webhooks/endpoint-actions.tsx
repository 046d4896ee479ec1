"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useErrorText } from "@/components/actions/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SecretOnce } from "./secret-once";

/** An endpoint's buttons: test, rotate the secret (shown once), enable / disable, delete (typed confirmation). */
export function EndpointActions({ id, host, status, base }: { id: string; host: string; status: "active" | "disabled"; base: string }) {
  const t = useTranslations("webhooks");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = { onSuccess: () => router.refresh() };
  const sendTest = useMutation(trpc.webhooks.sendTest.mutationOptions(refresh));
  const setStatus = useMutation(trpc.webhooks.setStatus.mutationOptions(refresh));
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions(refresh));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: () => router.push(`${base}/webhooks`) }));
  const [secretOpen, setSecretOpen] = useState(false);
  const error = sendTest.error ?? setStatus.error;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap justify-end gap-2">
        {status === "active" ? (
          <Button variant="secondary" pending={sendTest.isPending} onClick={() => sendTest.mutate({ id })}>
            {t("sendTest")}
          </Button>
        ) : (
          <Button pending={setStatus.isPending} onClick={() => setStatus.mutate({ id, status: "active" })}>
            {t("enable")}
          </Button>
        )}
        <ConfirmActionButton
          label={t("rotate")}
          variant="secondary"
          title={t("rotateTitle")}
          description={t("rotateBody")}
          confirmLabel={t("rotate")}
          action={async () => {
            await rotate.mutateAsync({ id });
            setSecretOpen(true);
          }}
        />
        {status === "active" ? (
          <ConfirmActionButton
            label={t("disable")}
            variant="secondary"
            title={t("disableTitle")}
            description={t("disableBody")}
            confirmLabel={t("disable")}
            action={() => setStatus.mutateAsync({ id, status: "disabled" })}
          />
        ) : null}
        <ConfirmActionButton
          label={t("delete")}
          variant="danger"
          title={t("deleteTitle")}
          description={t("deleteBody")}
          confirmLabel={t("delete")}
          typeToConfirm={host}
          action={() => remove.mutateAsync({ id })}
        />
      </div>
      {sendTest.isSuccess ? <Alert tone="success">{t("testSent")}</Alert> : null}
      {error ? <Alert tone="error">{errorText(error)}</Alert> : null}
      <Dialog open={secretOpen && Boolean(rotate.data)} onClose={() => setSecretOpen(false)} title={t("secretTitle")}>
        <div className="space-y-4">
          {rotate.data ? <SecretOnce secret={rotate.data.secret} /> : null}
          <div className="flex justify-end">
            <Button onClick={() => setSecretOpen(false)}>{t("secretDone")}</Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
