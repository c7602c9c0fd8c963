// Restores in flight (issue #25 §4): unpacking and re-reading a "Download
// everything" ZIP holds the whole archive inflated in memory, so at most
// SASH_MAX_RESTORES_PER_LEARNER (default 1) per learner and
// SASH_MAX_RESTORES_IN_FLIGHT (default 2) per server process run at once, on top
// of the upload slots every upload takes (server/wallet/inflight.ts). Counted
// per process: each instance protects its own memory.
//
// Used with `using` at the start of the restore service, so the slot is given
// back however the restore ends:
//   using _slot = acquireRestoreSlot(ctx.user.id);
import { AppError } from "@/lib/errors";
import { configFrom, type Env } from "@/server/config";

interface RestoreState {
  total: number;
  byLearner: Map<string, number>;
}

const g = globalThis as unknown as { __sashRestoresInFlight?: RestoreState };
const state: RestoreState = (g.__sashRestoresInFlight ??= { total: 0, byLearner: new Map() });

export class RestoreBusyError extends AppError {
  readonly reason: "learner" | "server";
  constructor(reason: "learner" | "server") {
    super(
      "RESTORE_BUSY",
      reason === "learner"
        ? "Sash is still restoring another ZIP for you. Wait for it to finish, then try this one again."
        : "Sash is busy restoring other wallets right now. Please try again in a minute.",
      { expose: true, status: 429 },
    );
    this.name = "RestoreBusyError";
    this.reason = reason;
  }
}

export function restoreLimits(env?: Env): {
  perLearner: number;
  perServer: number;
} {
  const c = configFrom(env);
  return { perLearner: c.SASH_MAX_RESTORES_PER_LEARNER, perServer: c.SASH_MAX_RESTORES_IN_FLIGHT };
}

export interface RestoreSlot extends Disposable {
  release(): void;
}

/**
 * Takes a restore slot for the learner, or throws RestoreBusyError (code
 * RESTORE_BUSY, 429). Give it back with `release()` or by `using` it.
 */
export function acquireRestoreSlot(learnerId: string, limits = restoreLimits()): RestoreSlot {
  const mine = state.byLearner.get(learnerId) ?? 0;
  if (mine >= limits.perLearner) throw new RestoreBusyError("learner");
  if (state.total >= limits.perServer) throw new RestoreBusyError("server");
  state.total++;
  state.byLearner.set(learnerId, mine + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    state.total--;
    const n = (state.byLearner.get(learnerId) ?? 1) - 1;
    if (n <= 0) state.byLearner.delete(learnerId);
    else state.byLearner.set(learnerId, n);
  };
  return { release, [Symbol.dispose]: release };
}

/** Restores running in this process now. */
export function restoresInFlight(): number {
  return state.total;
}
