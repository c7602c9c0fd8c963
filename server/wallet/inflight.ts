// Uploads in flight (issue #12 §2): at most SASH_MAX_UPLOADS_PER_LEARNER
// (default 3) per learner and SASH_MAX_UPLOADS_IN_FLIGHT (default 16) per
// server process at once, so forty parallel 10 MB uploads can't take the
// process's memory or the database pool. Counted per process: each instance
// protects its own memory.
import { configFrom, type Env } from "@/server/config";

export type UploadSlot = { ok: true; release: () => void } | { ok: false; reason: "learner" | "server"; limit: number };

interface InflightState {
  total: number;
  byLearner: Map<string, number>;
}

const g = globalThis as unknown as { __sashUploadsInFlight?: InflightState };
const state: InflightState = (g.__sashUploadsInFlight ??= { total: 0, byLearner: new Map() });

export function uploadLimits(env?: Env): {
  perLearner: number;
  perServer: number;
} {
  const c = configFrom(env);
  return { perLearner: c.SASH_MAX_UPLOADS_PER_LEARNER, perServer: c.SASH_MAX_UPLOADS_IN_FLIGHT };
}

/** Take a slot for one upload, or say which limit is reached. Call `release` exactly once when done. */
export function acquireUploadSlot(learnerId: string, limits = uploadLimits()): UploadSlot {
  const mine = state.byLearner.get(learnerId) ?? 0;
  if (mine >= limits.perLearner) return { ok: false, reason: "learner", limit: limits.perLearner };
  if (state.total >= limits.perServer) return { ok: false, reason: "server", limit: limits.perServer };
  state.total++;
  state.byLearner.set(learnerId, mine + 1);
  let released = false;
  return {
    ok: true,
    release: () => {
      if (released) return;
      released = true;
      state.total--;
      const n = (state.byLearner.get(learnerId) ?? 1) - 1;
      if (n <= 0) state.byLearner.delete(learnerId);
      else state.byLearner.set(learnerId, n);
    },
  };
}

export function uploadsInFlight(): number {
  return state.total;
}

/** What the learner reads with the 429. */
export function busyMessage(slot: { reason: "learner" | "server"; limit: number }): string {
  return slot.reason === "learner"
    ? `You're already uploading ${slot.limit} files. Wait for them to finish, then add this one again.`
    : "Sash is busy with other uploads right now. Please try again in a few seconds.";
}
