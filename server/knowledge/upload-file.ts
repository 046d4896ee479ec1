import { ValidationError } from "../errors";
import { DocumentTooLargeError } from "./errors";
import { extractPdfText } from "./extract-pdf";
import { MAX_DOCUMENT_BYTES, type DocumentMimeType } from "./limits";

const BY_EXTENSION: Record<string, DocumentMimeType> = {
  txt: "text/plain",
  text: "text/plain",
  md: "text/markdown",
  markdown: "text/markdown",
  pdf: "application/pdf",
};
const BY_TYPE: Record<string, DocumentMimeType> = {
  "text/plain": "text/plain",
  "text/markdown": "text/markdown",
  "application/pdf": "application/pdf",
};

/**
 * An uploaded file as a document: .txt, .md or .pdf (or a file the browser labelled as one of
 * those), titled by the form or the file name. Text must be UTF-8 (a byte-order mark is dropped);
 * a PDF's text is extracted here — the caller awaits this BEFORE opening any transaction.
 */
export async function documentFromUpload(
  file: { name: string; type: string; bytes: Uint8Array },
  title: string | null,
): Promise<{ title: string; content: string; mimeType: DocumentMimeType }> {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  const mimeType = BY_EXTENSION[extension] ?? BY_TYPE[file.type.toLowerCase()] ?? null;
  if (!mimeType) {
    throw new ValidationError("Upload a .txt, .md or .pdf file.", { file: "Upload a .txt, .md or .pdf file" }, "unsupported_file_type");
  }
  if (file.bytes.byteLength > MAX_DOCUMENT_BYTES) throw new DocumentTooLargeError(file.bytes.byteLength, MAX_DOCUMENT_BYTES);
  const fallback = file.name.replace(/\.[^.]*$/, "").trim() || file.name;
  const titled = (title?.trim() || fallback).slice(0, 200);
  if (mimeType === "application/pdf") return { title: titled, content: await extractPdfText(file.bytes), mimeType };
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(file.bytes);
  } catch {
    throw new ValidationError("The file is not UTF-8 text.", { file: "The file is not UTF-8 text" }, "not_utf8_text");
  }
  return { title: titled, content, mimeType };
}
