// Waiting for something to happen without a wall-clock bound (issue #19 §8).

/**
 * Waits until `cond` holds, looking every few milliseconds. No deadline of its own (a
 * wall-clock bound flakes under load, and how fast something comes is not what unit
 * tests check): what never comes hangs the test into vitest's testTimeout.
 */
export async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}
