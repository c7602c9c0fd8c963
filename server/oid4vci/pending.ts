// The authorization code flow's pending state (issue #22 §2) lives in a sealed cookie, not a table:
// it is needed for one redirect round trip (10 minutes at most), holds only the offer, state and
// PKCE verifier, and is bound to the learner. AES-256-GCM under a key derived from AUTH_SECRET
// keeps the verifier secret and the cookie unforgeable; the callback clears it, so it is used once
// from that browser, and the state it carries must match the issuer's answer.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/server/auth/secret";
import type { PendingAuthorization } from "./receive";

export const PENDING_COOKIE = "sash_oid4vci";
export const PENDING_MAX_AGE_S = 600;

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), "sash oid4vci", "pending authorization v1", 32));
}

export function sealPending(p: PendingAuthorization, now = new Date(), secret = authSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  const plain = JSON.stringify({ ...p, exp: now.getTime() + PENDING_MAX_AGE_S * 1000 });
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** Null when missing, tampered with, sealed under another secret, or expired. */
export function openPending(
  sealed: string | undefined,
  now = new Date(),
  secret = authSecret(),
): PendingAuthorization | null {
  if (!sealed) return null;
  try {
    const all = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key(secret), all.subarray(0, 12));
    decipher.setAuthTag(all.subarray(all.length - 16));
    const plain = Buffer.concat([decipher.update(all.subarray(12, all.length - 16)), decipher.final()]).toString();
    const p = JSON.parse(plain) as PendingAuthorization & { exp: number };
    if (typeof p.exp !== "number" || p.exp < now.getTime()) return null;
    return { userId: p.userId, offer: p.offer, state: p.state, verifier: p.verifier, redirectUri: p.redirectUri };
  } catch {
    return null;
  }
}
