// Misses of one share entry at the same moment share one load (issue #23 §3: a burst of
// readers of a cold link costs one database read and one image re-encode), but a load
// whose link changed meanwhile is never joined.
import { afterEach, describe, expect, it } from "vitest";
import { memoFlush, memoGet, memoInvalidate, memoLoadOnce, memoSet, memoSetEnabled, memoStats } from "@/lib/share/memo";

afterEach(() => {
  memoSetEnabled(true);
  memoFlush();
});

/** A load the test finishes by hand, counting how often it started. */
function gate() {
  let runs = 0;
  const pending: Array<(v: string) => void> = [];
  const load = (slug: string, key: string) =>
    memoLoadOnce(slug, key, async (ticket) => {
      runs++;
      const v = await new Promise<string>((r) => pending.push(r));
      memoSet(ticket, key, v, 10);
      return v;
    });
  return { load, runs: () => runs, finish: (i: number, v: string) => pending[i]!(v) };
}

describe("memoLoadOnce", () => {
  it("runs one load for simultaneous misses of the same entry; other keys and slugs load apart", async () => {
    const g = gate();
    const a = [g.load("s1", "page"), g.load("s1", "page"), g.load("s1", "page")];
    const other = [g.load("s1", "image"), g.load("s2", "page")];
    expect(g.runs()).toBe(3);
    g.finish(0, "page of s1");
    g.finish(1, "image of s1");
    g.finish(2, "page of s2");
    expect(await Promise.all(a)).toEqual(["page of s1", "page of s1", "page of s1"]);
    expect(await Promise.all(other)).toEqual(["image of s1", "page of s2"]);
    expect(memoGet("s1", "page")).toEqual({ value: "page of s1" });
    expect(memoStats()).toMatchObject({ loads: 0, inflight: 0 });
  });

  it("never joins a load whose slug was invalidated since it began", async () => {
    const g = gate();
    const before = g.load("s1", "page");
    memoInvalidate("s1"); // e.g. the learner turned the link off while the page was read
    const after = g.load("s1", "page");
    expect(g.runs()).toBe(2);
    g.finish(0, "old");
    g.finish(1, "new");
    expect(await before).toBe("old");
    expect(await after).toBe("new");
    expect(memoGet("s1", "page")).toEqual({ value: "new" }); // the stale load stored nothing
  });

  it("a failed load fails its joiners and the next miss starts again", async () => {
    let runs = 0;
    const failing = () =>
      memoLoadOnce("s3", "page", async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 5));
        throw new Error("database down");
      });
    const r = await Promise.allSettled([failing(), failing()]);
    expect(r.map((x) => x.status)).toEqual(["rejected", "rejected"]);
    expect(runs).toBe(1);
    await failing().catch(() => undefined);
    expect(runs).toBe(2);
  });

  it("with the cache off (listener not connected) every miss loads for itself", async () => {
    memoSetEnabled(false);
    const g = gate();
    const both = [g.load("s1", "page"), g.load("s1", "page")];
    expect(g.runs()).toBe(2);
    g.finish(0, "a");
    g.finish(1, "b");
    expect(await Promise.all(both)).toEqual(["a", "b"]);
  });
});
