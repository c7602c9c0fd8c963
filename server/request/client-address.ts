// The client address rate limits count against (see lib/net/client-address.ts).
import { headers } from "next/headers";
import { clientAddress } from "@/lib/net/client-address";
import { PEER_HEADER } from "./peer";
import { configFrom, type Env } from "@/server/config";

type HeaderGet = (name: string) => string | null | undefined;

let warned = false;

/** From any header source (a Headers object, next-auth's plain header record). */
export function clientAddressFrom(get: HeaderGet, env?: Env): string {
  const c = configFrom(env);
  const one = (name: string) => {
    const v = get(name);
    return typeof v === "string" ? v : null;
  };
  const address = clientAddress({
    peer: one(PEER_HEADER),
    forwardedFor: one("x-forwarded-for"),
    trustedHops: c.SASH_TRUSTED_PROXY_HOPS,
    vercel: c.VERCEL ? { forwardedFor: one("x-vercel-forwarded-for"), realIp: one("x-real-ip") } : null,
  });
  if (address) return address;
  if (!warned) {
    warned = true;
    console.error(
      "sash: no trustworthy client address on this request (socket address not stamped); rate limits share one bucket",
    );
  }
  // Unknown senders share one bucket: stricter, never spoofable.
  return "unknown";
}

/** next-auth's authorize() gets headers as a plain, lower-cased record. */
export function clientAddressFromRecord(record: Record<string, unknown> | undefined): string {
  const h = record ?? {};
  return clientAddressFrom((name) => {
    const v = h[name];
    return Array.isArray(v) ? v.join(", ") : typeof v === "string" ? v : null;
  });
}

/** For server actions and server components. */
export async function requestClientAddress(): Promise<string> {
  const h = await headers();
  return clientAddressFrom((name) => h.get(name));
}
