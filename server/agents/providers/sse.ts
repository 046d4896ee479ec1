/**
 * A Server-Sent Events parser (the WHATWG event-stream grammar) fed with whatever chunks the
 * network delivers: a line, a multi-byte character or a CRLF may be split anywhere between two
 * chunks, so bytes are decoded with a streaming TextDecoder and a trailing CR waits for the next
 * chunk before it is taken as a line end.
 */

export type SseEvent = { event: string; data: string };

export class SseParser {
  private readonly decoder = new TextDecoder("utf-8");
  private buffer = "";
  private data: string[] = [];
  private eventName = "";

  /** Feeds bytes (or text); returns the events completed by them. */
  push(chunk: Uint8Array | string): SseEvent[] {
    this.buffer += typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.drain(false);
  }

  /** The stream ended: what a final unterminated line completes (an event needs a blank line, so usually nothing). */
  end(): SseEvent[] {
    this.buffer += this.decoder.decode();
    const events = this.drain(true);
    return events;
  }

  private drain(final: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      // A CR as the last character may be the first half of a CRLF still on the wire.
      if (c === 13 && i === this.buffer.length - 1 && !final) break;
      this.line(this.buffer.slice(start, i), events);
      if (c === 13 && this.buffer.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    if (final && this.buffer) {
      this.line(this.buffer, events);
      this.buffer = "";
    }
    return events;
  }

  private line(line: string, events: SseEvent[]) {
    if (line === "") {
      if (this.data.length > 0) events.push({ event: this.eventName || "message", data: this.data.join("\n") });
      this.data = [];
      this.eventName = "";
      return;
    }
    if (line.startsWith(":")) return; // a comment (keep-alive)
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.eventName = value;
    // `id` and `retry` mean nothing to a one-shot model stream.
  }
}
