// Saves of one server process take turns (issue #23 §3): as many at once as the database pool has
// connections less two (SASH_DB_POOL_MAX, default 10 → 8; at least 2), so a burst of saves never
// holds every connection the session checks, sign-ins and pages also need; the rest wait in arrival
// order (up to 1,000; past that a learner is asked to press Save again). test:load's 169 saves at
// once, pool on (docs/benchmarks.md, load section): a limit of 4 gave the share reads in the middle
// of the burst p95 93 ms at 162 req/s but the saves p95 8.3 s; 8 gave 145 ms at 127 req/s and 6.1 s; 10 gave 186 ms at 93 req/s and
// 5.3 s; none (169 at once) 182 ms at 98 req/s and 5.6 s.
import { AppError } from "@/lib/errors";
import { createGate, type Gate } from "@/lib/concurrency/gate";
import { config } from "@/server/config";

const g = globalThis as unknown as { __sashSaveGate?: Gate };

export function saveGate(): Gate {
  return (g.__sashSaveGate ??= createGate(Math.max(2, config().SASH_DB_POOL_MAX - 2), {
    maxWaiting: 1_000,
    full: () => new AppError("SAVE_BUSY", undefined, { expose: true, status: 503 }),
  }));
}

/** `fn` (one save) when its turn comes; SAVE_BUSY (503) when a thousand saves are waiting already. */
export function inSaveTurn<T>(fn: () => Promise<T>): Promise<T> {
  return saveGate().run(fn);
}
