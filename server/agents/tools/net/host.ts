import { isIP } from "node:net";
import { domainToASCII } from "node:url";

/**
 * A host name as the allow-list stores it and a URL is compared with it: lower-case ASCII
 * (internationalised names in punycode, so 例子.中国 and xn--fsqu00a.xn--fiqs8s are one entry),
 * no trailing dot, no port, no IP literal (an address is not a name one can vouch for; a public
 * one still has to pass the address check at request time). Null when it is not such a name.
 */
export function normaliseHost(input: string): string | null {
  const trimmed = input.trim().replace(/\.$/, "");
  if (!trimmed || trimmed.length > 253 || /[\s/:@?#\\[\]]/.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (!ascii || ascii.length > 253) return null;
  if (isIP(ascii) !== 0) return null;
  const labels = ascii.split(".");
  if (labels.some((label) => !/^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(label))) return null;
  // A name whose last label is all digits parses as an IPv4 address in a URL (http://1.2.3/): refuse it.
  if (/^\d+$/.test(labels[labels.length - 1]!) || /^0x[0-9a-f]*$/.test(labels[labels.length - 1]!)) return null;
  return ascii;
}
