import { BlockList, isIP } from "node:net";

/**
 * The addresses a tool may never connect to: anything that is not the public internet. An SSRF
 * attack aims at the host itself (loopback), the cloud metadata service (169.254.169.254), the
 * private network behind us, or a trick spelling of one of those; every address a host name
 * resolves to is checked here, after resolution, and the connection is pinned to the checked one.
 */
const blocked = new BlockList();
const v4: [string, number][] = [
  ["0.0.0.0", 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // TEST-NET-1
  ["192.88.99.0", 24], // 6to4 relay anycast (deprecated)
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // TEST-NET-2
  ["203.0.113.0", 24], // TEST-NET-3
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and 255.255.255.255 broadcast
];
for (const [net, prefix] of v4) blocked.addSubnet(net, prefix, "ipv4");
const v6: [string, number][] = [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  // (IPv4-mapped ::ffff:0:0/96 is handled before this list: a BlockList would also apply it to plain IPv4.)
  ["64:ff9b::", 96], // NAT64 (embeds an IPv4 address)
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard-only
  ["2001::", 23], // IETF protocol assignments (Teredo, ORCHID…)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4 (embeds an IPv4 address)
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
];
for (const [net, prefix] of v6) blocked.addSubnet(net, prefix, "ipv6");

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible IPv6 address, if any. */
function embeddedIpv4(address: string): string | null {
  // The URL parser writes IPv6 canonically (0:0:0:0:0:ffff:127.0.0.1 → ::ffff:7f00:1).
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const hex = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/** Whether a literal IP address (as resolved, or as written in a URL after WHATWG parsing) is public. */
export function vetAddress(address: string, opts: { allowLoopback?: boolean } = {}): AddressVerdict {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 0) return { allowed: false, reason: "not an IP address" };
  if (family === 6) {
    const inner = embeddedIpv4(bare);
    if (inner) {
      const verdict = vetAddress(inner, opts);
      // An IPv4-mapped address is refused even when its IPv4 is public: nothing legitimate resolves to one.
      return verdict.allowed ? { allowed: false, reason: "IPv4-mapped IPv6 address" } : verdict;
    }
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  if (opts.allowLoopback && loopback.check(bare, type)) return { allowed: true };
  if (blocked.check(bare, type)) return { allowed: false, reason: "private, loopback, link-local or reserved address" };
  return { allowed: true };
}
