import { BlockList, isIP } from "node:net";

/**
 * A list of IP addresses and CIDR subnets (IPv4 and IPv6), as `TRUSTED_PROXIES` names them.
 * IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`, what a dual-stack socket reports) match their
 * IPv4 entries.
 */

export function isAddressOrSubnet(entry: string): boolean {
  const [address, bits, ...rest] = entry.split("/");
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

const MAPPED_V4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** Strips the IPv6 mapping of an IPv4 address, so either form matches an IPv4 entry. */
export function normaliseAddress(address: string): string {
  return address.match(MAPPED_V4)?.[1] ?? address;
}

export type AddressList = { has: (address: string) => boolean; size: number };

export function addressList(entries: readonly string[]): AddressList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/") as [string, string | undefined];
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(normaliseAddress(address), isIP(normaliseAddress(address)) === 6 ? "ipv6" : "ipv4");
    else list.addSubnet(address, Number(bits), type);
  }
  return {
    size: entries.length,
    has(address) {
      const plain = normaliseAddress(address.trim());
      const family = isIP(plain);
      if (family === 0) return false;
      return list.check(plain, family === 6 ? "ipv6" : "ipv4");
    },
  };
}
