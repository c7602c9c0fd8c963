// The fetcher's DNS memory (lib/net/dns-cache.ts): lookups of one name in flight are one question to
// the resolver, answers and failures are reused for their time and then asked again, names are
// case-insensitive, and the memory is bounded. The resolver here is a function that counts what it
// is asked (the test machine has no network), with a clock the test moves.
import { describe, expect, it } from "vitest";
import { cachedLookup } from "@/lib/net/dns-cache";

function resolver(answers: Record<string, string | Error>) {
  const asked: string[] = [];
  let release: () => void = () => {};
  let gate = Promise.resolve();
  return {
    asked,
    hold() {
      gate = new Promise((r) => (release = r));
    },
    release: () => release(),
    lookup: async (host: string) => {
      asked.push(host);
      await gate;
      const a = answers[host.toLowerCase()];
      if (a instanceof Error) throw a;
      if (!a) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
      return [{ address: a, family: 4 as const }];
    },
  };
}

describe("cachedLookup", () => {
  it("asks once for a burst of lookups of one name, and shares the answer", async () => {
    const r = resolver({ "www.credly.com": "203.0.113.7" });
    r.hold();
    const lookup = cachedLookup(r.lookup);
    const burst = Array.from({ length: 50 }, (_, i) => lookup(i % 2 ? "www.credly.com" : "WWW.Credly.com"));
    r.release();
    const got = await Promise.all(burst);
    expect(r.asked).toHaveLength(1);
    expect(new Set(got.map((a) => a[0]!.address))).toEqual(new Set(["203.0.113.7"]));
  });

  it("keeps an answer for its time, a failure for its shorter time, then asks again", async () => {
    let t = 1_000;
    const r = resolver({ "a.example": "203.0.113.1" });
    const lookup = cachedLookup(r.lookup, { ttlMs: 30_000, negativeTtlMs: 10_000, now: () => t });
    await lookup("a.example");
    await expect(lookup("gone.example")).rejects.toThrow(/ENOTFOUND/);
    t += 9_000;
    await lookup("a.example");
    await expect(lookup("gone.example")).rejects.toThrow(/ENOTFOUND/);
    expect(r.asked).toEqual(["a.example", "gone.example"]);
    t += 2_000; // 11 s: the failure is asked again, the answer still kept
    await expect(lookup("gone.example")).rejects.toThrow(/ENOTFOUND/);
    await lookup("a.example");
    expect(r.asked).toEqual(["a.example", "gone.example", "gone.example"]);
    t += 30_000;
    await lookup("a.example");
    expect(r.asked.filter((h) => h === "a.example")).toHaveLength(2);
  });

  it("remembers at most maxEntries names (the oldest go first)", async () => {
    const r = resolver({ "a.example": "203.0.113.1", "b.example": "203.0.113.2", "c.example": "203.0.113.3" });
    const lookup = cachedLookup(r.lookup, { maxEntries: 2 });
    for (const h of ["a.example", "b.example", "c.example", "c.example", "b.example", "a.example"]) await lookup(h);
    expect(r.asked).toEqual(["a.example", "b.example", "c.example", "a.example"]);
  });
});
