/**
 * Reads a Server-Sent Events body (fetch + ReadableStream: EventSource cannot POST or send our
 * headers) and hands each event, parsed, to `onEvent` as soon as its frame is complete.
 */
export async function readEventStream(body: ReadableStream<Uint8Array>, onEvent: (event: string, data: unknown) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const flush = (frame: string) => {
    if (!frame.trim() || frame.startsWith(":")) return;
    let event = "message";
    const data: string[] = [];
    for (const line of frame.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (data.length === 0) return;
    try {
      onEvent(event, JSON.parse(data.join("\n")));
    } catch {
      // a frame that is not JSON is not ours: skip it
    }
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut = buffer.search(/\r?\n\r?\n/);
    while (cut !== -1) {
      flush(buffer.slice(0, cut));
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
      cut = buffer.search(/\r?\n\r?\n/);
    }
  }
  flush(buffer + decoder.decode());
}
