/**
 * How much the knowledge base holds. A document is text a person pasted or uploaded; the bounds
 * keep one upload from filling the database or turning a save into minutes of indexing.
 */

/** One document's text, in UTF-8 bytes (the portal upload door reads a little more for the form). */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/** All documents of a tenant together, in UTF-8 bytes of their text. */
export const MAX_TENANT_BYTES = 50 * 1024 * 1024;

/** Documents per tenant. */
export const MAX_TENANT_DOCUMENTS = 2_000;

/** Collections per tenant. */
export const MAX_TENANT_COLLECTIONS = 200;

/** Chunks inserted per statement (one transaction holds them all). */
export const CHUNK_INSERT_BATCH = 500;

/** `application/pdf`: the text was extracted from a PDF (by the portal's upload door, before any transaction). */
export const DOCUMENT_MIME_TYPES = ["text/plain", "text/markdown", "application/pdf"] as const;
export type DocumentMimeType = (typeof DOCUMENT_MIME_TYPES)[number];
