/**
 * A string from a buffer of UTF-16 code units. `String.fromCharCode.apply(null, chunk)` copies every
 * chunk into an argument list first (~32 KB of young-generation garbage per 4 KB view, and the
 * normaliser builds two views per scan: a collection every few dozen scans, which under load lands
 * in the p99). TextDecoder reads the buffer in place; it is exact for well-formed UTF-16, and with
 * ignoreBOM it keeps a leading U+FEFF, so it is used whenever no surrogate is present (a lone one
 * would be replaced by U+FFFD) and the old path otherwise.
 */

const UTF16 = new TextDecoder("utf-16le", { ignoreBOM: true });

export function stringOfCodes(buf: Uint16Array, n: number): string {
  for (let i = 0; i < n; i++) {
    const c = buf[i]!;
    if (c >= 0xd800 && c <= 0xdfff) return viaCharCodes(buf, n);
  }
  return UTF16.decode(new Uint8Array(buf.buffer, buf.byteOffset, n * 2));
}

function viaCharCodes(buf: Uint16Array, n: number): string {
  let out = "";
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return out;
}
