// A first-come, first-served gate: at most `limit` holders at once, at most `maxWaiting` waiting.
// server/wallet/save-gate.ts puts the saves of one process through it (issue #23 §3): 169 learners
// pressing Save at the same moment then take turns a few at a time instead of all interleaving on
// the request thread, so a share page read in the middle waits for a few saves' steps, not for a
// step of every save.
export interface Gate {
  /** Runs `fn` when a place is free (in arrival order); rejects with the gate's `full()` error when the queue is full. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  stats(): { running: number; waiting: number; limit: number };
}

export function createGate(limit: number, opts: { maxWaiting?: number; full?: () => Error } = {}): Gate {
  const maxWaiting = opts.maxWaiting ?? Infinity;
  if (!(limit >= 1)) throw new Error("a gate needs a limit of at least 1");
  let running = 0;
  const waiting: Array<() => void> = [];
  const leave = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (running < limit) running++;
      else {
        if (waiting.length >= maxWaiting) throw opts.full ? opts.full() : new RangeError("gate queue full");
        // The place is handed over by `leave` (running stays the same).
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      try {
        return await fn();
      } finally {
        leave();
      }
    },
    stats: () => ({ running, waiting: waiting.length, limit }),
  };
}
