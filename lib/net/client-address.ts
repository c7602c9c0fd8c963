// Which address a request came from, for rate limits. Only what our own side
// observed can be believed: the connecting socket's address (stamped on the
// request by server/request/peer.ts before Next sees it), plus as many
// X-Forwarded-For entries as there are proxies the operator vouches for
// (SASH_TRUSTED_PROXY_HOPS). Everything further left was written by the client.
import { isIP } from "node:net";

export interface AddressSources {
  /** The connecting socket's address, as stamped by the server; null when unknown. */
  peer: string | null;
  /** X-Forwarded-For as received (may be client-written). */
  forwardedFor: string | null;
  /** How many proxies in front of Sash append to X-Forwarded-For and may be believed. */
  trustedHops: number;
  /** On Vercel, the platform's own client-address headers (the edge overwrites any client copy). */
  vercel?: { forwardedFor: string | null; realIp: string | null } | null;
}

/** A comparable form of one address: IPv4-mapped IPv6 unwrapped, ports and brackets removed, lower case. */
export function normalizeAddress(raw: string): string | null {
  let a = raw.trim().toLowerCase();
  if (!a) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  if (a.startsWith("::ffff:") && isIP(a.slice(7)) === 4) a = a.slice(7);
  if (isIP(a)) return a;
  // Not an address (e.g. "unknown" or an obfuscated RFC 7239 node): keep a bounded token so
  // it still gets a bucket of its own, but never let it grow a key without bound.
  return a.replace(/[^\w.:-]/g, "_").slice(0, 64) || null;
}

export function parseTrustedHops(raw: string | undefined): number {
  const n = Number(raw ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= 16 ? n : 0;
}

/**
 * The client's address, or null when nothing trustworthy is known. With N trusted hops the
 * chain is [...X-Forwarded-For, peer]; the client is the entry N places from the right.
 */
export function clientAddress(src: AddressSources): string | null {
  if (src.vercel) {
    const first = src.vercel.forwardedFor?.split(",")[0] ?? "";
    return normalizeAddress(first) ?? normalizeAddress(src.vercel.realIp ?? "");
  }
  if (!src.peer) return null;
  const chain = [...(src.forwardedFor ? src.forwardedFor.split(",") : []), src.peer]
    .map((a) => normalizeAddress(a))
    .filter((a): a is string => a !== null);
  if (!chain.length) return null;
  const index = chain.length - 1 - src.trustedHops;
  return chain[Math.max(0, index)];
}
