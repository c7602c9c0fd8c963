// Rate limits for signing in and signing up (counters: db/queries/rate-limits.ts).
// Sign-in counts failures only, per (address, client address) and per client
// address: an attempt reserves a slot in both before the password is checked (so
// a burst can't overshoot) and a successful sign-in gives them back. Failures for
// an address from every client only slow its next attempts down (a growing wait,
// a few seconds at most), so wrong passwords sent from elsewhere never lock its
// owner out (issue #25 §3). Sign-up counts every attempt from an address. Old
// counters are swept.
import type { Db } from "@/db/client";
import { config } from "@/server/config";
import { decrementWindow, deleteWindowsOlderThan, incrementWindow, readWindow } from "@/db/queries/rate-limits";

export interface Limit {
  max: number;
  windowSeconds: number;
}

export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
/** The first wait once an address's failures reach the limit; each further failure doubles it. */
export const SIGN_IN_DELAY_BASE_MS = 250;
/** The longest wait before an attempt for an address under attack: a delay, never a lock. */
export const SIGN_IN_DELAY_MAX_MS = 4000;

export function signInLimits(): { perEmailAndIp: Limit; perIp: Limit; emailDelayAfter: Limit } {
  const perEmail = config().SASH_RATE_LIMIT_EMAIL;
  return {
    perEmailAndIp: { max: perEmail, windowSeconds: SIGN_IN_WINDOW_SECONDS },
    perIp: { max: config().SASH_RATE_LIMIT_IP, windowSeconds: SIGN_IN_WINDOW_SECONDS },
    emailDelayAfter: { max: perEmail, windowSeconds: SIGN_IN_WINDOW_SECONDS },
  };
}

/** The wait before checking a password for an address that has had `failures` failures (from any client). */
export function signInDelayMs(failures: number, after: number): number {
  if (failures < after) return 0;
  return Math.min(SIGN_IN_DELAY_MAX_MS, SIGN_IN_DELAY_BASE_MS * 2 ** Math.min(failures - after, 16));
}

/** Failures recorded for an address from every client in the current window. */
export function readRateLimit(db: Db, key: string, limit: Limit): Promise<number> {
  return readWindow(db, key, limit.windowSeconds);
}

export function signUpLimit(): Limit {
  return { max: config().SASH_RATE_LIMIT_SIGNUP, windowSeconds: 60 * 60 };
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
