// Random secrets and their hashes for the authorization server: client secrets, codes and tokens are 256-bit random
// values handed out once and stored only as SHA-256 (hex) — enough for values this random (no password hashing needed).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function randomSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Whether `value` hashes to `hash`, in constant time. */
export function matchesHash(value: string, hash: string): boolean {
  const a = Buffer.from(sha256Hex(value), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 7636 §4.1/4.2: a verifier or an S256 challenge is 43–128 characters of [A-Za-z0-9-._~]. */
export const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

/** BASE64URL(SHA256(ASCII(code_verifier))) === code_challenge (RFC 7636 §4.6), in constant time. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  if (!PKCE_VALUE.test(verifier)) return false;
  const a = Buffer.from(createHash("sha256").update(verifier, "ascii").digest("base64url"));
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
