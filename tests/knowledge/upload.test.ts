import { describe, expect, it } from "vitest";
import { DomainError, HTTP_STATUS } from "@/server/errors";
import { readFormWithLimit } from "@/server/http/read-form";
import { MAX_DOCUMENT_BYTES } from "@/server/knowledge/limits";
import { documentFromUpload } from "@/server/knowledge/upload-file";
import { makePdf } from "./make-pdf";

const bytes = (s: string) => new TextEncoder().encode(s);

async function refusal(work: () => unknown): Promise<{ status: number; code: string }> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DomainError) return { status: HTTP_STATUS[error.kind], code: error.code };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("an uploaded file as a document", () => {
  it("takes .txt and .md (by extension or type), UTF-8 without BOM, titled by the form or the file name", async () => {
    expect(await documentFromUpload({ name: "guide.md", type: "", bytes: bytes("\uFEFF# Hi\n\ntext") }, null)).toEqual({
      title: "guide",
      content: "# Hi\n\ntext",
      mimeType: "text/markdown",
    });
    expect(
      await documentFromUpload({ name: "notes.TXT", type: "application/octet-stream", bytes: bytes("退款") }, "  My notes "),
    ).toMatchObject({
      title: "My notes",
      mimeType: "text/plain",
    });
    expect(await documentFromUpload({ name: "README", type: "text/markdown", bytes: bytes("x") }, "")).toMatchObject({
      mimeType: "text/markdown",
    });
  });

  it("extracts a PDF's text (unpdf, offline), and refuses one with no readable text", async () => {
    const pdf = makePdf(["Refund policy (short).", "Refunds are paid within 3 days."]);
    expect(await documentFromUpload({ name: "policy.pdf", type: "", bytes: pdf }, null)).toEqual({
      title: "policy",
      content: "Refund policy (short).\nRefunds are paid within 3 days.",
      mimeType: "application/pdf",
    });
    for (const broken of [bytes("%PDF-1.4 not really"), makePdf([])]) {
      expect(await refusal(() => documentFromUpload({ name: "x.pdf", type: "application/pdf", bytes: broken }, null))).toEqual({
        status: 400,
        code: "pdf_unreadable",
      });
    }
  });

  it("refuses other types (400), invalid UTF-8 (400) and more than 2 MB (413)", async () => {
    expect(await refusal(() => documentFromUpload({ name: "a.png", type: "image/png", bytes: bytes("PNG") }, null))).toEqual({
      status: 400,
      code: "unsupported_file_type",
    });
    expect(
      await refusal(() => documentFromUpload({ name: "a.txt", type: "text/plain", bytes: new Uint8Array([0xff, 0xfe, 0x41]) }, null)),
    ).toEqual({
      status: 400,
      code: "not_utf8_text",
    });
    expect(
      await refusal(() => documentFromUpload({ name: "a.txt", type: "text/plain", bytes: new Uint8Array(MAX_DOCUMENT_BYTES + 1) }, null)),
    ).toEqual({ status: 413, code: "document_too_large" });
  });

  it("reads a multipart form within its limit, and refuses more (413) or another format (415)", async () => {
    const form = new FormData();
    form.set("collectionId", "c");
    form.set("file", new File(["hello"], "a.txt", { type: "text/plain" }));
    const ok = await readFormWithLimit(new Request("http://x/upload", { method: "POST", body: form }), 10_000);
    expect(await (ok.get("file") as File).text()).toBe("hello");

    const big = new FormData();
    big.set("file", new File(["x".repeat(20_000)], "a.txt"));
    // Streamed in 4 KB pieces with no Content-Length, like a chunked upload: the limit is found by
    // counting. (A FormData body's own stream would be cancelled under undici's feet.)
    const encoded = new Response(big);
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, (offset += 4096)));
      },
    });
    const chunked = new Request("http://x/upload", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-type": encoded.headers.get("content-type")! },
    } as RequestInit);
    expect(await refusal(() => readFormWithLimit(chunked, 10_000))).toEqual({
      status: 413,
      code: "payload_too_large",
    });
    const json = new Request("http://x/upload", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(await refusal(() => readFormWithLimit(json, 10_000))).toEqual({ status: 415, code: "unsupported_media_type" });
  });
});
