// Uploads in flight (issue #12 §2): per-learner and per-server slots, released exactly once.
import { describe, expect, it } from "vitest";
import { acquireUploadSlot, busyMessage, uploadLimits, uploadsInFlight } from "@/server/wallet/inflight";

describe("upload slots", () => {
  it("reads the limits from the environment with defaults 3 per learner and 16 per server", () => {
    expect(uploadLimits({})).toEqual({ perLearner: 3, perServer: 16 });
    expect(uploadLimits({ SASH_MAX_UPLOADS_PER_LEARNER: "1", SASH_MAX_UPLOADS_IN_FLIGHT: "4" })).toEqual({
      perLearner: 1,
      perServer: 4,
    });
    // A bad value is a configuration error naming the variable (issue #19 §3), no longer silently the default.
    expect(() => uploadLimits({ SASH_MAX_UPLOADS_PER_LEARNER: "0", SASH_MAX_UPLOADS_IN_FLIGHT: "x" })).toThrow(
      /SASH_MAX_UPLOADS_PER_LEARNER="0" must be a whole number from 1 to 10000; SASH_MAX_UPLOADS_IN_FLIGHT="x"/,
    );
  });

  it("refuses a learner's upload past their limit, and anyone's past the server's, until slots are released", () => {
    const limits = { perLearner: 2, perServer: 3 };
    const a1 = acquireUploadSlot("a", limits);
    const a2 = acquireUploadSlot("a", limits);
    const a3 = acquireUploadSlot("a", limits);
    expect([a1.ok, a2.ok, a3.ok]).toEqual([true, true, false]);
    expect(a3).toMatchObject({ ok: false, reason: "learner", limit: 2 });
    expect(busyMessage(a3 as { reason: "learner"; limit: number })).toBe(
      "You're already uploading 2 files. Wait for them to finish, then add this one again.",
    );
    const b1 = acquireUploadSlot("b", limits);
    const c1 = acquireUploadSlot("c", limits);
    expect(b1.ok).toBe(true);
    expect(c1).toMatchObject({ ok: false, reason: "server" });
    expect(uploadsInFlight()).toBe(3);
    if (a1.ok) {
      a1.release();
      a1.release(); // twice is once
    }
    expect(uploadsInFlight()).toBe(2);
    const c2 = acquireUploadSlot("c", limits);
    expect(c2.ok).toBe(true);
    for (const s of [a2, b1, c2]) if (s.ok) s.release();
    expect(uploadsInFlight()).toBe(0);
  });
});
