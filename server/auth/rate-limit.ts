// Rate limits for signing in and signing up (counters: db/queries/rate-limits.ts).
// Sign-in counts failures only: an attempt reserves a slot before the password is
// checked (so a burst can't overshoot the limit) and a successful sign-in gives it
// back. Sign-up counts every attempt from an address. Old counters are swept.
import type { Db } from "@/db/client";
import { decrementWindow, deleteWindowsOlderThan, incrementWindow } from "@/db/queries/rate-limits";

export interface Limit {
  max: number;
  windowSeconds: number;
}

function envInt(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function signInLimits(): { perEmail: Limit; perIp: Limit } {
  return {
    perEmail: { max: envInt("SASH_RATE_LIMIT_EMAIL", 10), windowSeconds: 15 * 60 },
    perIp: { max: envInt("SASH_RATE_LIMIT_IP", 100), windowSeconds: 15 * 60 },
  };
}

export function signUpLimit(): Limit {
  return { max: envInt("SASH_RATE_LIMIT_SIGNUP", 20), windowSeconds: 60 * 60 };
}

/** Every window above is shorter than this; rows older than it are dead weight. */
export const SWEEP_AFTER_SECONDS = 24 * 60 * 60;
const SWEEP_EVERY_MS = 10 * 60 * 1000;
let lastSweep = 0;

/** Deletes expired counters at most every 10 minutes per process; returns rows deleted (0 when not due). */
export async function sweepRateLimitsIfDue(db: Db, now = Date.now()): Promise<number> {
  if (now - lastSweep < SWEEP_EVERY_MS) return 0;
  lastSweep = now;
  try {
    return await deleteWindowsOlderThan(db, SWEEP_AFTER_SECONDS);
  } catch (e) {
    console.error(`sash: rate-limit sweep failed: ${(e as Error).message}`);
    return 0;
  }
}

/** Records one attempt under `key`; returns true when it is within the limit. */
export async function hitRateLimit(db: Db, key: string, limit: Limit): Promise<boolean> {
  return (await incrementWindow(db, key, limit.windowSeconds)) <= limit.max;
}

/** Gives back an attempt recorded by hitRateLimit (it succeeded, or was never made). */
export async function refundRateLimit(db: Db, key: string): Promise<void> {
  await decrementWindow(db, key);
}

/** Sign-up throttle per client address: true when this attempt may go ahead. */
export async function allowSignUp(db: Db, address: string): Promise<boolean> {
  await sweepRateLimitsIfDue(db);
  return hitRateLimit(db, `signup:ip:${address}`, signUpLimit());
}
