// The in-process share cache must never keep a page across an invalidation,
// including one that happened while the page was being loaded.
import { describe, expect, it } from "vitest";
import { memoGeneration, memoGet, memoInvalidate, memoSet } from "@/lib/share/memo";

describe("share memo", () => {
  it("serves what was stored until the link is invalidated", () => {
    const gen = memoGeneration("slugA");
    memoSet("slugA", "page", gen, { html: "v1" }, 10);
    expect(memoGet("slugA", "page")).toEqual({ html: "v1" });
    memoInvalidate("slugA");
    expect(memoGet("slugA", "page")).toBeUndefined();
  });

  it("drops a result loaded before an invalidation (no stale page from an in-flight request)", () => {
    const before = memoGeneration("slugB");
    memoInvalidate("slugB"); // e.g. the learner turned the link off mid-load
    memoSet("slugB", "page", before, { html: "stale" }, 10);
    expect(memoGet("slugB", "page")).toBeUndefined();
    memoSet("slugB", "page", memoGeneration("slugB"), { html: "fresh" }, 10);
    expect(memoGet("slugB", "page")).toEqual({ html: "fresh" });
  });

  it("invalidates every entry of a link (page, images, OG) and no other link", () => {
    memoSet("slugC", "page", memoGeneration("slugC"), 1, 1);
    memoSet("slugC", "image:badge", memoGeneration("slugC"), 2, 1);
    memoSet("slugD", "page", memoGeneration("slugD"), 3, 1);
    memoInvalidate("slugC");
    expect(memoGet("slugC", "page")).toBeUndefined();
    expect(memoGet("slugC", "image:badge")).toBeUndefined();
    expect(memoGet("slugD", "page")).toBe(3);
  });
});
