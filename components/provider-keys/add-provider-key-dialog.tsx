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
import { Field, Input, Select } from "@/components/ui/field";

type Provider = "openai" | "anthropic";

/**
 * Add a model-vendor key: name, provider, optional base URL (OpenAI-compatible servers), the key.
 * The key goes to the server once; what comes back (and what this dialog then shows) is only
 * its last four characters. The field is a password input so it is not echoed on screen.
 */
export function AddProviderKeyDialog() {
  const t = useTranslations("providers");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [provider, setProvider] = useState<Provider>("openai");
  const [baseUrl, setBaseUrl] = useState("");
  const [apiKey, setApiKey] = useState("");
  const create = useMutation(
    trpc.providerCredentials.create.mutationOptions({
      onSuccess: () => {
        // Nothing of the key stays in the browser once it is stored.
        setApiKey("");
        router.refresh();
      },
    }),
  );
  const close = () => {
    setOpen(false);
    setName("");
    setBaseUrl("");
    setApiKey("");
    setProvider("openai");
    create.reset();
  };
  const fields = errorOf(create.error)?.fields ?? {};
  const saved = create.data;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("add")}</Button>
      <Dialog open={open} onClose={close} title={t("addTitle")}>
        {saved ? (
          <div className="space-y-4">
            <Alert tone="success">{t("saved", { name: saved.name, hint: saved.hint })}</Alert>
            <div className="flex justify-end">
              <Button onClick={close} autoFocus>
                {tCommon("close")}
              </Button>
            </div>
          </div>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              create.mutate({ name, provider, baseUrl: baseUrl.trim() || null, apiKey });
            }}
          >
            <Field label={t("name")} hint={t("nameHint")} error={fields.name}>
              {(p) => <Input {...p} value={name} required maxLength={80} autoFocus onChange={(e) => setName(e.target.value)} />}
            </Field>
            <Field label={t("provider")} error={fields.provider}>
              {(p) => (
                <Select {...p} value={provider} onChange={(e) => setProvider(e.target.value as Provider)}>
                  <option value="openai">{t("providers.openai")}</option>
                  <option value="anthropic">{t("providers.anthropic")}</option>
                </Select>
              )}
            </Field>
            <Field label={t("baseUrl")} hint={t(`baseUrlHint.${provider}`)} error={fields.baseUrl}>
              {(p) => (
                <Input
                  {...p}
                  type="url"
                  inputMode="url"
                  value={baseUrl}
                  maxLength={500}
                  placeholder={provider === "openai" ? "https://api.openai.com/v1" : "https://api.anthropic.com"}
                  onChange={(e) => setBaseUrl(e.target.value)}
                />
              )}
            </Field>
            <Field label={t("apiKey")} hint={t("apiKeyHint")} error={fields.apiKey}>
              {(p) => (
                <Input
                  {...p}
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  value={apiKey}
                  required
                  minLength={8}
                  maxLength={500}
                  className="font-mono"
                  onChange={(e) => setApiKey(e.target.value)}
                />
              )}
            </Field>
            {create.error ? <Alert tone="error">{errorText(create.error)}</Alert> : null}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                {tCommon("cancel")}
              </Button>
              <Button type="submit" pending={create.isPending} disabled={!name.trim() || apiKey.trim().length < 8}>
                {create.isPending ? t("saving") : t("save")}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
