// Password hashing with scrypt from node:crypto (memory-hard). Parameters:
// N=2^15, r=8, p=1 → 32 MiB per hash (OWASP's minimum recommendation for scrypt
// is N=2^17 with r=8/p=1 or an equivalent cost; 2^15 keeps sign-in snappy on a
// 2-core box while staying memory-hard). Stored as scrypt$N$r$p$salt$hash.
import { randomBytes, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { scryptOffThread } from "@/server/workers/offload";

const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

/** Runs in the server's worker pool (server/workers, issue #23 §3): hashes queue there in order. */
async function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  const key = await scryptOffThread({ password, salt, keylen, N: opts.N!, r: opts.r!, p: opts.p! });
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize("NFKC"), salt, KEYLEN, { N, r: R, p: P, maxmem: 128 * N * R * 2 });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored) return false;
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (!Number.isInteger(n) || n > 1 << 20 || !Number.isInteger(r) || !Number.isInteger(p)) return false;
  const salt = Buffer.from(parts[4], "base64url");
  const expected = Buffer.from(parts[5], "base64url");
  const key = await scrypt(password.normalize("NFKC"), salt, expected.length, { N: n, r, p, maxmem: 128 * n * r * 2 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to compare against when the account doesn't exist, so timing doesn't reveal that. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(12).toString("hex")));
}
