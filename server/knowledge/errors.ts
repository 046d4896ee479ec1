import { DomainError } from "../errors";

/** A document over MAX_DOCUMENT_BYTES: a 413, whichever door it came through. */
export class DocumentTooLargeError extends DomainError {
  readonly kind = "payload_too_large";
  constructor(bytes: number, maxBytes: number) {
    super("document_too_large", `The document is ${bytes} bytes; the most one document may hold is ${maxBytes} bytes.`, {
      bytes,
      maxBytes,
    });
  }
}
