// Password hashing. New hashes are argon2id (RFC 9106) with OWASP's recommended costs for it: 19 MiB of
// memory, 2 passes, 1 lane (Password Storage Cheat Sheet, "Argon2id"), stored in the PHC string form
// `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`. About 13 ms of one core here, against 150 ms for the
// scrypt N=2^15 Sash used before (itself below OWASP's scrypt minimum of N=2^17): stronger by OWASP's
// measure and a twelfth of the CPU, so 20 sign-ins at once on 2 cores no longer queue for seconds
// (issue #23 §3). Hashes from before (`scrypt$N$r$p$salt$hash`) still verify; a successful sign-in
// replaces one with an argon2id hash (`needsRehash`, server/auth/accounts.ts).
import { randomBytes, timingSafeEqual } from "node:crypto";
import { parseOptions } from "@node-rs/argon2";
import { argon2HashOffThread, argon2VerifyOffThread, scryptOffThread } from "@/server/workers/offload";

export const ARGON2_COSTS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
/** argon2's `Algorithm.Argon2id` (a const enum in the package's types). */
const ARGON2ID = 2;
/** A stored hash asking for more than this is refused, not computed (a bad row must not cost the server 4 GiB). */
const MAX_ARGON2_MEMORY_KIB = 256 * 1024;
const MAX_ARGON2_PASSES = 16;
const MAX_SCRYPT_N = 1 << 20;

export async function hashPassword(password: string): Promise<string> {
  return argon2HashOffThread({ password: password.normalize("NFKC"), ...ARGON2_COSTS });
}

/** The costs of an argon2 hash, or null when it isn't one that Sash would compute. */
function argon2Costs(stored: string): ReturnType<typeof parseOptions> | null {
  try {
    const o = parseOptions(stored);
    if (o.memoryCost > MAX_ARGON2_MEMORY_KIB || o.timeCost > MAX_ARGON2_PASSES || o.parallelism > 16) return null;
    return o;
  } catch {
    return null;
  }
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored) return false;
  const normalized = password.normalize("NFKC");
  if (stored.startsWith("$argon2")) {
    if (!argon2Costs(stored)) return false;
    return argon2VerifyOffThread({ password: normalized, hash: stored });
  }
  return verifyScrypt(normalized, stored);
}

/**
 * Whether a hash that just verified should be replaced: anything but argon2id at today's costs
 * (a scrypt hash from before, or argon2 with other costs).
 */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith("$argon2id$")) return true;
  const o = argon2Costs(stored);
  return (
    !o ||
    o.algorithm !== ARGON2ID ||
    o.memoryCost !== ARGON2_COSTS.memoryCost ||
    o.timeCost !== ARGON2_COSTS.timeCost ||
    o.parallelism !== ARGON2_COSTS.parallelism
  );
}

/** The earlier form, `scrypt$N$r$p$salt$hash` (salt and hash base64url). */
async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (!Number.isInteger(n) || n < 2 || n > MAX_SCRYPT_N || !Number.isInteger(r) || r < 1 || r > 32) return false;
  if (!Number.isInteger(p) || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4], "base64url");
  const expected = Buffer.from(parts[5], "base64url");
  if (expected.length < 16 || expected.length > 64) return false;
  const key = Buffer.from(await scryptOffThread({ password, salt, keylen: expected.length, N: n, r, p }));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to compare against when the account doesn't exist, so timing doesn't reveal that. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(12).toString("hex")));
}
