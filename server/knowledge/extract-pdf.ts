import { extractText, getDocumentProxy } from "unpdf";
import { ValidationError } from "../errors";

/** Pages read from one PDF: a 2 MB file with more is not a document a person wrote. */
export const MAX_PDF_PAGES = 500;

const unreadable = () =>
  new ValidationError(
    "The PDF could not be read, or has no text (a scan needs OCR first).",
    { file: "The PDF has no readable text" },
    "pdf_unreadable",
  );

/**
 * The text of a PDF, page by page (pages separated by a blank line), with unpdf — PDF.js built for
 * servers, pure JavaScript, no network, no native parts (PDF.js 5 no longer compiles code from a
 * file — the eval path behind CVE-2024-4367 is gone). Called by the upload door BEFORE any
 * transaction is opened: parsing is CPU work that must not hold one.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  let text: string[];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      if (pdf.numPages > MAX_PDF_PAGES) {
        throw new ValidationError(
          `The PDF has ${pdf.numPages} pages; at most ${MAX_PDF_PAGES} are read.`,
          { file: "Too many pages" },
          "pdf_too_many_pages",
        );
      }
      text = (await extractText(pdf, { mergePages: false })).text;
    } finally {
      // Frees the parsed pages and fonts now rather than at the next GC.
      await pdf.cleanup();
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw unreadable();
  }
  const joined = text
    .map((page) => page.replace(/[\u0000]/g, "").trim())
    .filter(Boolean)
    .join("\n\n");
  if (!joined) throw unreadable();
  return joined;
}
