import { ValidationError } from "../errors";
import { DocumentTooLargeError } from "./errors";
import { MAX_DOCUMENT_BYTES, type DocumentMimeType } from "./limits";

const BY_EXTENSION: Record<string, DocumentMimeType> = {
  txt: "text/plain",
  text: "text/plain",
  md: "text/markdown",
  markdown: "text/markdown",
};

/**
 * An uploaded file as a document: .txt or .md (or a file the browser labelled text/plain or
 * text/markdown), UTF-8 text (a byte-order mark is dropped), titled by the form or the file name.
 * PDF is not accepted (no well-kept offline extractor without native parts was worth the weight).
 */
export function documentFromUpload(
  file: { name: string; type: string; bytes: Uint8Array },
  title: string | null,
): { title: string; content: string; mimeType: DocumentMimeType } {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  const mimeType =
    BY_EXTENSION[extension] ?? (file.type === "text/markdown" ? "text/markdown" : file.type === "text/plain" ? "text/plain" : null);
  if (!mimeType) {
    throw new ValidationError("Upload a .txt or .md file.", { file: "Upload a .txt or .md file" }, "unsupported_file_type");
  }
  if (file.bytes.byteLength > MAX_DOCUMENT_BYTES) throw new DocumentTooLargeError(file.bytes.byteLength, MAX_DOCUMENT_BYTES);
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(file.bytes);
  } catch {
    throw new ValidationError("The file is not UTF-8 text.", { file: "The file is not UTF-8 text" }, "not_utf8_text");
  }
  const fallback = file.name.replace(/\.[^.]*$/, "").trim() || file.name;
  return { title: (title?.trim() || fallback).slice(0, 200), content, mimeType };
}
