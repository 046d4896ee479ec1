"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";

type Tab = "paste" | "upload";

/**
 * Paste text (through the tRPC mutation) or upload a .txt/.md file (multipart, through the
 * collection's upload route, which calls the same verb). Either way the page refreshes with the
 * new document and a line saying how many passages it became.
 */
export function AddDocumentForms({ collectionId, uploadUrl }: { collectionId: string; uploadUrl: string }) {
  const t = useTranslations("knowledge");
  const tErrors = useTranslations("errors");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [tab, setTab] = useState<Tab>("paste");
  const [title, setTitle] = useState("");
  const [mimeType, setMimeType] = useState<"text/plain" | "text/markdown">("text/markdown");
  const [content, setContent] = useState("");
  const [done, setDone] = useState<{ title: string; count: number } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [uploadTitle, setUploadTitle] = useState("");
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);

  const add = useMutation(
    trpc.knowledge.addDocument.mutationOptions({
      onSuccess: (doc) => {
        setDone({ title: doc.title, count: doc.chunkCount });
        setTitle("");
        setContent("");
        router.refresh();
      },
    }),
  );
  const fields = errorOf(add.error)?.fields ?? {};

  async function upload() {
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    setDone(null);
    try {
      const form = new FormData();
      form.set("collectionId", collectionId);
      form.set("title", uploadTitle);
      form.set("file", file);
      const response = await fetch(uploadUrl, { method: "POST", body: form });
      const body = (await response.json().catch(() => null)) as
        { title: string; chunkCount: number; error?: undefined } | { error: { code: string; message: string } } | null;
      if (!response.ok || !body || "error" in body) {
        const code = body && "error" in body && body.error ? body.error.code : "generic";
        setUploadError(tErrors.has(code) ? tErrors(code) : body && "error" in body && body.error ? body.error.message : tErrors("generic"));
        return;
      }
      setDone({ title: body.title, count: body.chunkCount });
      setUploadTitle("");
      if (fileRef.current) fileRef.current.value = "";
      router.refresh();
    } catch {
      setUploadError(tErrors("generic"));
    } finally {
      setUploading(false);
    }
  }

  return (
    <div className="space-y-4">
      <div role="tablist" aria-label={t("addDocument")} className="flex gap-2">
        {(["paste", "upload"] as const).map((name) => (
          <Button
            key={name}
            role="tab"
            size="sm"
            variant={tab === name ? "primary" : "secondary"}
            aria-selected={tab === name}
            aria-controls={`add-${name}`}
            onClick={() => setTab(name)}
          >
            {t(name)}
          </Button>
        ))}
      </div>
      {done ? <Alert tone="success">{t("added", { title: done.title, count: done.count })}</Alert> : null}
      {tab === "paste" ? (
        <form
          id="add-paste"
          role="tabpanel"
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            setDone(null);
            add.mutate({ collectionId, title, content, mimeType, source: "paste" });
          }}
        >
          <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
            <Field label={t("docTitle")} error={fields.title}>
              {(p) => <Input {...p} value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />}
            </Field>
            <Field label={t("format")} error={fields.mimeType}>
              {(p) => (
                <Select {...p} value={mimeType} onChange={(e) => setMimeType(e.target.value as typeof mimeType)}>
                  <option value="text/markdown">{t("formatMarkdown")}</option>
                  <option value="text/plain">{t("formatPlain")}</option>
                </Select>
              )}
            </Field>
          </div>
          <Field label={t("content")} hint={t("contentHint")} error={fields.content}>
            {(p) => (
              <textarea
                {...p}
                value={content}
                required
                rows={10}
                onChange={(e) => setContent(e.target.value)}
                className="block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
              />
            )}
          </Field>
          {add.error ? <Alert tone="error">{errorText(add.error)}</Alert> : null}
          <div className="flex justify-end">
            <Button type="submit" pending={add.isPending} disabled={!title.trim() || !content.trim()}>
              {add.isPending ? t("adding") : t("add")}
            </Button>
          </div>
        </form>
      ) : (
        <form
          id="add-upload"
          role="tabpanel"
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            void upload();
          }}
        >
          <Field label={t("file")} hint={t("fileHint")}>
            {(p) => (
              <input
                {...p}
                ref={fileRef}
                type="file"
                required
                accept=".txt,.md,.markdown,text/plain,text/markdown"
                className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
              />
            )}
          </Field>
          <Field label={t("titleOptional")}>
            {(p) => <Input {...p} value={uploadTitle} maxLength={200} onChange={(e) => setUploadTitle(e.target.value)} />}
          </Field>
          {uploadError ? <Alert tone="error">{uploadError}</Alert> : null}
          <div className="flex justify-end">
            <Button type="submit" pending={uploading}>
              {uploading ? t("uploading") : t("uploadButton")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
