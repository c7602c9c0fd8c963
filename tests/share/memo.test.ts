// The in-process share cache must never keep a page across an invalidation,
// including one that happened while the page was being loaded, and must stay
// bounded however many slugs are asked for.
import { afterEach, describe, expect, it } from "vitest";
import {
  memoBegin,
  memoEnd,
  memoFlush,
  memoGet,
  memoInvalidate,
  memoLimitsForTest,
  memoSet,
  memoSetEnabled,
  memoStats,
} from "@/lib/share/memo";

function store(slug: string, key: string, value: unknown, size = 10, ttl?: number): boolean {
  const t = memoBegin(slug);
  try {
    return memoSet(t, key, value, size, ttl);
  } finally {
    memoEnd(t);
  }
}

afterEach(() => {
  memoSetEnabled(true);
  memoFlush();
});

describe("share memo", () => {
  it("serves what was stored until the link is invalidated", () => {
    store("slugA", "page", { html: "v1" });
    expect(memoGet("slugA", "page")).toEqual({ value: { html: "v1" } });
    memoInvalidate("slugA");
    expect(memoGet("slugA", "page")).toBeUndefined();
  });

  it("keeps negative answers (unknown or disabled link) and drops them the same way", () => {
    store("gone", "page", null);
    expect(memoGet("gone", "page")).toEqual({ value: null });
    memoInvalidate("gone"); // e.g. the learner turned the link back on
    expect(memoGet("gone", "page")).toBeUndefined();
  });

  it("drops a result loaded before an invalidation (no stale page from an in-flight request)", () => {
    const t = memoBegin("slugB");
    memoInvalidate("slugB"); // the learner turned the link off mid-load
    expect(memoSet(t, "page", { html: "stale" }, 10)).toBe(false);
    memoEnd(t);
    expect(memoGet("slugB", "page")).toBeUndefined();
    store("slugB", "page", { html: "fresh" });
    expect(memoGet("slugB", "page")).toEqual({ value: { html: "fresh" } });
    expect(memoStats().inflight).toBe(0);
  });

  it("invalidates every entry of a link (page, images, OG) and no other link", () => {
    store("slugC", "page", 1);
    store("slugC", "image:badge", 2);
    store("slugD", "page", 3);
    memoInvalidate("slugC");
    expect(memoGet("slugC", "page")).toBeUndefined();
    expect(memoGet("slugC", "image:badge")).toBeUndefined();
    expect(memoGet("slugD", "page")).toEqual({ value: 3 });
  });

  it("flush drops everything, loads in flight included", () => {
    const t = memoBegin("slugE");
    store("slugF", "page", 1);
    memoFlush();
    expect(memoGet("slugF", "page")).toBeUndefined();
    expect(memoSet(t, "page", 2, 1)).toBe(false);
    memoEnd(t);
  });

  it("while disabled serves nothing and stores nothing; a load begun before disabling never lands", () => {
    store("slugG", "page", 1);
    const t = memoBegin("slugH");
    memoSetEnabled(false);
    expect(memoGet("slugG", "page")).toBeUndefined();
    expect(store("slugI", "page", 1)).toBe(false);
    memoSetEnabled(true);
    expect(memoSet(t, "page", 1, 1)).toBe(false);
    memoEnd(t);
    expect(memoGet("slugG", "page")).toBeUndefined();
    expect(memoGet("slugH", "page")).toBeUndefined();
  });

  it("expires entries after their time to live", () => {
    const t = memoBegin("slugJ");
    memoSet(t, "page", 1, 1, 1000, 5_000);
    memoEnd(t);
    expect(memoGet("slugJ", "page", 5_999)).toEqual({ value: 1 });
    expect(memoGet("slugJ", "page", 6_000)).toBeUndefined();
  });

  it("a flood of random slugs stays within the bounds, least recently used out first", () => {
    const restore = memoLimitsForTest(1_000_000, 500);
    try {
      store("popular", "page", { html: "x" }, 100);
      for (let i = 0; i < 20_000; i++) {
        store(`random-${i}`, "page", null);
        if (i % 100 === 0) memoGet("popular", "page"); // keeps being asked for
      }
      const s = memoStats();
      expect(s.links).toBeLessThanOrEqual(500);
      expect(s.bytes).toBeLessThanOrEqual(1_000_000);
      expect(memoGet("popular", "page")).toEqual({ value: { html: "x" } });
      expect(memoGet("random-0", "page")).toBeUndefined();
      expect(memoGet("random-19999", "page")).toEqual({ value: null });
      // Bytes bound as well as count: big entries push old ones out.
      for (let i = 0; i < 50; i++) store(`big-${i}`, "page", { html: "y" }, 100_000);
      expect(memoStats().bytes).toBeLessThanOrEqual(1_000_000);
    } finally {
      restore();
    }
  });
});

describe("suspended (the invalidation channel is lost)", () => {
  it("serves nothing through memoGet, keeps entries for memoHeld, stores nothing new, and a flush drops them", async () => {
    const memo = await import("@/lib/share/memo");
    memo.memoSetEnabled(true);
    memo.memoFlush();
    const t1 = memo.memoBegin("held-slug");
    memo.memoSet(t1, "page", "kept page", 9);
    memo.memoEnd(t1);
    const inflight = memo.memoBegin("late-slug");
    memo.memoSuspend();
    expect(memo.memoGet("held-slug", "page")).toBeUndefined();
    expect(memo.memoHeld("held-slug", "page")).toEqual({ value: "kept page" });
    memo.memoSet(inflight, "page", "read before the channel was lost", 30);
    memo.memoEnd(inflight);
    expect(memo.memoHeld("late-slug", "page")).toBeUndefined();
    memo.memoInvalidate("held-slug");
    expect(memo.memoHeld("held-slug", "page")).toBeUndefined();
    const t2 = memo.memoBegin("other-slug");
    memo.memoEnd(t2);
    memo.memoSetEnabled(true);
    const t3 = memo.memoBegin("again");
    memo.memoSet(t3, "page", "x", 1);
    memo.memoEnd(t3);
    memo.memoSuspend();
    memo.memoFlush();
    expect(memo.memoHeld("again", "page")).toBeUndefined();
    memo.memoSetEnabled(true);
  });
});
