// The gate saves take turns through (lib/concurrency/gate.ts, issue #23 §3): never more than its
// limit at once, in arrival order, a failing holder gives its place back, a full queue refuses at
// once with SAVE_BUSY (the learner's wording), and nothing waits forever.
import { describe, expect, it } from "vitest";
import { createGate } from "@/lib/concurrency/gate";
import { inSaveTurn, saveGate } from "@/server/wallet/save-gate";
import { learnerWording } from "@/lib/errors";

describe("createGate", () => {
  it("runs at most `limit` at once, the rest in arrival order", async () => {
    const gate = createGate(3);
    let now = 0;
    let most = 0;
    const order: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        gate.run(async () => {
          order.push(i);
          most = Math.max(most, ++now);
          await new Promise((r) => setTimeout(r, i % 4));
          now--;
          return i * 2;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(most).toBe(3);
    expect(order).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, limit: 3 });
  });

  it("a holder that throws gives its place back", async () => {
    const gate = createGate(1);
    const failed = gate.run(async () => {
      throw new Error("boom");
    });
    const next = gate.run(async () => "next");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("next");
    expect(gate.stats().running).toBe(0);
  });

  it("refuses at once when the queue is full", async () => {
    const gate = createGate(1, { maxWaiting: 2, full: () => new RangeError("full") });
    let open!: () => void;
    const held = gate.run(() => new Promise<void>((r) => (open = r)));
    const queued = [gate.run(async () => 1), gate.run(async () => 2)];
    await expect(gate.run(async () => 3)).rejects.toThrow("full");
    open();
    await held;
    expect(await Promise.all(queued)).toEqual([1, 2]);
  });
});

describe("the process's save gate", () => {
  it("lets saves through and says SAVE_BUSY in the learner's words when a thousand wait", async () => {
    expect(await inSaveTurn(async () => "saved")).toBe("saved");
    const { limit } = saveGate().stats();
    const opens: Array<() => void> = [];
    const holders = Array.from({ length: limit + 1_000 }, () =>
      inSaveTurn(() => new Promise<void>((r) => opens.push(r))),
    );
    const refused = await inSaveTurn(async () => "late").catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "SAVE_BUSY", status: 503, expose: true });
    expect((refused as Error).message).toBe(learnerWording("SAVE_BUSY"));
    expect((refused as Error).message).toMatch(/press Save again/);
    while (opens.length) {
      opens.splice(0).forEach((o) => o());
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(holders);
    expect(saveGate().stats()).toMatchObject({ running: 0, waiting: 0 });
  });
});
