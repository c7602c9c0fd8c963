import { describe, expect, it } from "vitest";
import { FitRankIndex, PACKED_POSTING_BYTES, uuidBytes, type IndexedPosting } from "@/lib/fit/rank-index";
import { fitPercent } from "@/lib/fit";

/** A small deterministic generator (no Math.random: a failure must reproduce). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const hex = (r: () => number) => Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16)).join("");
const uuidOf = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

interface Model extends IndexedPosting {
  id: string;
}

function randomPosting(r: () => number, seq: number, skills: number): Model {
  const n = Math.floor(r() * 8);
  const keys = new Set<string>();
  for (let i = 0; i < n; i++) keys.add(`k${Math.floor(r() * skills)}`);
  const id = uuidOf(hex(r));
  // Few distinct dates and some without one, so ties on (fit, date) are common and the id decides.
  const postedMicros = r() < 0.1 ? null : Math.floor(r() * 5) * 86_400_000_000;
  return {
    seq,
    id,
    uuid: uuidBytes(id),
    fitDenominator: keys.size,
    postedMicros,
    remote: r() < 0.3,
    countedKeys: [...keys],
  };
}

/** The SQL baseline's order, computed the slow way. */
function bruteForce(postings: Iterable<Model>, held: Set<string>, limit: number, only?: Set<number>, remote = false) {
  const rows = [...postings]
    .filter((p) => (!only || only.has(p.seq)) && (!remote || p.remote))
    .map((p) => {
      const m = p.countedKeys.filter((k) => held.has(k)).length;
      return { p, m, fit: fitPercent(m, p.fitDenominator) };
    });
  rows.sort(
    (a, b) =>
      b.fit - a.fit ||
      (b.p.postedMicros ?? -Infinity) - (a.p.postedMicros ?? -Infinity) ||
      (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0),
  );
  return rows.slice(0, limit).map((x) => ({ seq: x.p.seq, matched: x.m, fit: x.fit }));
}

function pack(p: IndexedPosting): Uint8Array {
  const b = new Uint8Array(PACKED_POSTING_BYTES);
  const v = new DataView(b.buffer);
  v.setInt32(0, p.seq);
  v.setInt16(4, p.fitDenominator);
  v.setUint8(6, p.remote ? 1 : 0);
  v.setFloat64(7, p.postedMicros ?? Number.NaN);
  b.set(p.uuid, 15);
  return b;
}

describe("FitRankIndex", () => {
  it("ranks exactly like sorting every posting by fit, date (none last) and id, with filters, over changes", () => {
    const r = rng(14);
    const live = new Map<number, Model>();
    const index = new FitRankIndex();
    let seq = 0;
    for (let i = 0; i < 3000; i++) {
      const p = randomPosting(r, ++seq, 40);
      live.set(p.seq, p);
      index.add(p);
    }
    for (let round = 0; round < 30; round++) {
      // Changes as imports make them: new postings, replaced ones, deleted ones (enough to force compaction).
      for (let i = 0; i < 150; i++) {
        const what = r();
        if (what < 0.4) {
          const p = randomPosting(r, ++seq, 40);
          live.set(p.seq, p);
          index.add(p);
        } else if (what < 0.7) {
          const victim = [...live.keys()][Math.floor(r() * live.size)];
          const p = { ...randomPosting(r, victim, 40) };
          live.set(victim, p);
          index.add(p);
        } else {
          const victim = [...live.keys()][Math.floor(r() * live.size)];
          live.delete(victim);
          index.remove(victim);
        }
      }
      expect(index.size).toBe(live.size);
      const held = new Set(Array.from({ length: 1 + Math.floor(r() * 12) }, () => `k${Math.floor(r() * 40)}`));
      const limit = 1 + Math.floor(r() * 120);
      expect(index.rank(held, { limit })).toEqual(bruteForce(live.values(), held, limit));
      const only = new Set([...live.keys()].filter(() => r() < 0.2));
      expect(index.rank(held, { limit, onlySeqs: [...only, 999_999] })).toEqual(
        bruteForce(live.values(), held, limit, only),
      );
      expect(index.rank(held, { limit, remoteOnly: true })).toEqual(
        bruteForce(live.values(), held, limit, undefined, true),
      );
    }
    expect(index.stats().deadSlots).toBeLessThan(index.stats().postings);
  });

  it("loads packed postings and skill lists to the same ranking as adding them one by one", () => {
    const r = rng(5);
    const postings = Array.from({ length: 500 }, (_, i) => randomPosting(r, i + 1, 25));
    const one = new FitRankIndex();
    for (const p of postings) one.add(p);
    const packed = new FitRankIndex();
    const buf = new Uint8Array(postings.length * PACKED_POSTING_BYTES);
    postings.forEach((p, i) => buf.set(pack(p), i * PACKED_POSTING_BYTES));
    packed.addPackedPostings(buf);
    const byKey = new Map<string, number[]>();
    for (const p of postings) for (const k of p.countedKeys) byKey.set(k, [...(byKey.get(k) ?? []), p.seq]);
    for (const [k, seqs] of byKey) {
      const b = new Uint8Array(seqs.length * 4);
      seqs.forEach((s, i) => new DataView(b.buffer).setInt32(i * 4, s));
      packed.addPackedSkillList(k, b);
    }
    const held = new Set(["k1", "k2", "k3", "k7", "k11", "k20"]);
    expect(packed.rank(held, { limit: 500 })).toEqual(one.rank(held, { limit: 500 }));
    expect(packed.rank(held, { limit: 500 })).toEqual(bruteForce(postings, held, 500));
    expect(() => packed.addPackedPostings(new Uint8Array(PACKED_POSTING_BYTES - 1))).toThrow(/truncated/);
  });

  it("a posting with more than 200 counted skills and one match has fit 0 and sorts by date among the others at 0", () => {
    const index = new FitRankIndex();
    const id = (n: number) => uuidOf(n.toString(16).padStart(32, "0"));
    const big: Model = {
      seq: 1,
      id: id(1),
      uuid: uuidBytes(id(1)),
      fitDenominator: 250,
      postedMicros: 10,
      remote: false,
      countedKeys: Array.from({ length: 250 }, (_, i) => `s${i}`),
    };
    const newer: Model = { ...big, seq: 2, id: id(2), uuid: uuidBytes(id(2)), postedMicros: 20, countedKeys: ["x"] };
    newer.fitDenominator = 1;
    index.add(big);
    index.add(newer);
    expect(index.rank(["s0"], { limit: 5 })).toEqual([
      { seq: 2, matched: 0, fit: 0 },
      { seq: 1, matched: 1, fit: 0 },
    ]);
  });
});
