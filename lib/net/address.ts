// Which IP addresses Sash refuses to connect to on a learner's behalf (SSRF defence).
// Ranges: RFC 6890 special-purpose registries, RFC 6598 (CGNAT), RFC 4193 (ULA),
// RFC 4291 §2.5.5 (IPv4-mapped / -compatible), RFC 2765 §2.1 (IPv4-translated), RFC 6052 (NAT64).
import { BlockList, isIP } from "node:net";

// Two lists: Node's BlockList also tests IPv4 input against IPv6 rules (as ::ffff:a.b.c.d),
// which would make the IPv4-mapped rule below swallow every IPv4 address.
const blockedV4 = new BlockList();
const blockedV6 = new BlockList();
// IPv4
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // CGNAT shared address space
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata lives here)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved + broadcast
] as const) {
  blockedV4.addSubnet(net, prefix, "ipv4");
}
// IPv6
for (const [net, prefix] of [
  ["::", 96], // unspecified, loopback and deprecated IPv4-compatible addresses
  ["::ffff:0:0", 96], // IPv4-mapped: never dial these, whatever v4 address they hide
  ["::ffff:0:0:0", 96], // IPv4-translated (SIIT, ::ffff:0:a.b.c.d): hides a v4 address just the same
  ["64:ff9b::", 96], // NAT64 well-known prefix
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard-only
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4 (embeds arbitrary IPv4)
  ["fc00::", 7], // unique local (ULA)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  blockedV6.addSubnet(net, prefix, "ipv6");
}

/** True when `address` (an IP literal) must not be contacted. Non-IP input is refused too. */
export function isBlockedAddress(address: string): boolean {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 4) return blockedV4.check(bare, "ipv4");
  if (family === 6) {
    // Strip a zone id ("fe80::1%eth0"); a zoned address is link-scoped anyway.
    if (bare.includes("%")) return true;
    return blockedV6.check(bare, "ipv6");
  }
  return true;
}
