// Saves of one server process take turns (issue #23 §3): twice as many at once as the machine has
// cores, the rest waiting in arrival order (up to 1,000; past that a learner is asked to try again).
// Measured with test:load's 169 simultaneous saves: see docs/benchmarks.md.
import os from "node:os";
import { AppError } from "@/lib/errors";
import { createGate, type Gate } from "@/lib/concurrency/gate";

const g = globalThis as unknown as { __sashSaveGate?: Gate };

export function saveGate(): Gate {
  return (g.__sashSaveGate ??= createGate(Math.max(2, 2 * os.availableParallelism()), {
    maxWaiting: 1_000,
    full: () => new AppError("SAVE_BUSY", undefined, { expose: true, status: 503 }),
  }));
}

/** `fn` (one save) when its turn comes; SAVE_BUSY (503) when a thousand saves are waiting already. */
export function inSaveTurn<T>(fn: () => Promise<T>): Promise<T> {
  return saveGate().run(fn);
}
