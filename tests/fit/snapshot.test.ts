// The fit index's snapshot (issue #23 §2): a start from a stored snapshot answers every search
// exactly as a full load (and the naive query) does; a stale one is brought up to date by the
// change log; one of another epoch or format, or a damaged one, is ignored (full load, same
// answers); searches while it loads are answered by SQL. Real PGlite (and PostgreSQL with
// TEST_DATABASE_URL), a real file store and the database store.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { insertTestPosting, naiveFitTop, rng } from "../support/fit";
import { readCatalogueVersion } from "@/db/queries/jobs/fit-index";
import {
  decodeDeltaVarints,
  decodeFitSnapshot,
  decodeGaps16,
  encodeDeltaVarints,
  encodeFitSnapshot,
  encodeGaps16,
} from "@/lib/fit/snapshot";
import { FitRankIndex } from "@/lib/fit/rank-index";
import { PostingTextIndex } from "@/lib/fit/text-index";
import { dropFitIndex, fitIndexInfo, fitSnapshotWritten, freshFitIndexes } from "@/server/jobs/fit-index";
import {
  databaseSnapshotStore,
  fileSnapshotStore,
  setFitSnapshotStore,
  type FitSnapshotStore,
} from "@/server/jobs/fit-snapshot";
import { searchJobs } from "@/server/jobs/search";
import { findWorkerSource, WorkerPool } from "@/server/workers/pool";
import { setWorkerPool } from "@/server/workers/offload";

let t: TestDb;
let dir: string;

const WORDS = ["analyst", "Analysis", "café", "naïve", "c++", "node.js", "e-mail", "東京", "nurse", "nursing", "2024"];
const LOCATIONS = ["City 7", "City 70", "Montréal, QC", "Zürich", "100% Remote", "a_b town", ""];
const SKILLS = Array.from({ length: 10 }, (_, i) => `s:k${i}`);
const QUERIES = ["analyst", "anal", "café", "cafe", "nurs", "c++", "js", "東京", "202", "zzz"];
const LOCS = ["City 7", "city", "zürich", "100%", "_", "montreal", "nowhere"];

async function seed(r: () => number, n: number, from = 0) {
  for (let i = from; i < from + n; i++) {
    const words = Array.from({ length: 1 + Math.floor(r() * 4) }, () => WORDS[Math.floor(r() * WORDS.length)]);
    const skills = SKILLS.filter(() => r() < 0.35);
    const days = Math.floor(r() * 4);
    const location = LOCATIONS[Math.floor(r() * LOCATIONS.length)];
    const remote = r() < 0.3;
    await insertTestPosting(t.db, {
      key: String(i),
      title: words.join(" "),
      location,
      remote,
      day: days,
      skills,
      searchText: words.join(" ").toLowerCase() + " posting " + i,
    });
  }
}

const naive = (keys: readonly string[], q: { query?: string; location?: string; remote?: boolean }, limit: number) =>
  naiveFitTop(t.db, keys, q, limit);

/** Random searches, all answered by the index, each equal to the naive query. */
async function compareRandom(seedN: number, rounds: number) {
  const r = rng(seedN);
  for (let i = 0; i < rounds; i++) {
    const keys = SKILLS.filter(() => r() < 0.4);
    if (!keys.length) keys.push(SKILLS[0]);
    const q = {
      query: r() < 0.6 ? QUERIES[Math.floor(r() * QUERIES.length)] : undefined,
      location: r() < 0.4 ? LOCS[Math.floor(r() * LOCS.length)] : undefined,
      remote: r() < 0.3,
    };
    const limit = 1 + Math.floor(r() * 30);
    const got = await searchJobs(t.db, { skillKeys: keys, ...q, sort: "fit", pageSize: limit });
    expect(got.rankedBy).toBe("index");
    const want = await naive(keys, q, limit);
    expect({ q, ids: got.results.map((x) => x.jobId) }).toEqual({ q, ids: want });
  }
}

/** A "restart": this handle forgets its index, and loads it again from `store` (or in full). */
async function restart(store: FitSnapshotStore | null) {
  dropFitIndex(t.db);
  setFitSnapshotStore(t.db, store);
  await freshFitIndexes(t.db);
  return fitIndexInfo(t.db);
}

/** A full load that writes its snapshot (and waits for the write). */
async function fullLoadWriting(store: FitSnapshotStore) {
  const info = await restart(store);
  await fitSnapshotWritten(t.db);
  return info;
}

beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "sash-fit-snapshot-"));
  await seed(rng(3), 300);
}, 120_000);
afterAll(async () => {
  if (t) setFitSnapshotStore(t.db, null);
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the snapshot format", () => {
  it("stores integer lists as delta varints: every int32 comes back, ascending lists take about a byte each", () => {
    const r = rng(7);
    const edge = [0, 1, -1, 127, 128, -128, 16383, 16384, 2 ** 31 - 1, -(2 ** 31), 2 ** 31 - 1, -(2 ** 31), 5];
    const random = Array.from({ length: 5000 }, () => (Math.floor(r() * 2 ** 32) | 0) >> Math.floor(r() * 32));
    for (const list of [[], edge, random]) {
      const a = Int32Array.from(list);
      expect([...decodeDeltaVarints(encodeDeltaVarints(a), a.length)]).toEqual([...a]);
    }
    let at = 0;
    const ascending = Int32Array.from({ length: 10_000 }, () => (at += 1 + Math.floor(r() * 60)));
    const packed = encodeDeltaVarints(ascending);
    expect(packed.byteLength).toBeLessThan(ascending.length * 1.1);
    expect([...decodeDeltaVarints(packed, ascending.length)]).toEqual([...ascending]);
    // Too few bytes, bytes left over, a varint cut off: errors, never a wrong list.
    expect(() => decodeDeltaVarints(packed, ascending.length + 1)).toThrow();
    expect(() => decodeDeltaVarints(packed, ascending.length - 1)).toThrow(/left/);
    expect(() => decodeDeltaVarints(Uint8Array.of(0x80, 0x80), 1)).toThrow(/varint/);
  });

  it("stores posting lists as 16-bit gaps with an escape: every int32 comes back, in two bytes for small gaps", () => {
    const r = rng(8);
    const edge = [0, 65534, 65535, 65536, 2 ** 31 - 1, -(2 ** 31), -1, 0, 131_070, 131_071, 5];
    const random = Array.from({ length: 5000 }, () => Math.floor(r() * 2 ** 32) | 0);
    let at = 0;
    const lists = Int32Array.from({ length: 20_000 }, (_, i) =>
      i % 5000 === 0 ? (at = i) : (at += 1 + Math.floor(r() * 300)),
    );
    for (const list of [[], edge, random, [...lists]]) {
      const a = Int32Array.from(list);
      expect([...decodeGaps16(encodeGaps16(a), a.length)]).toEqual([...a]);
    }
    expect(encodeGaps16(lists).byteLength).toBeLessThan(lists.length * 2 + 4 * 6 * 3);
    const w = encodeGaps16(Int32Array.of(1, 2, 100_000));
    expect(() => decodeGaps16(w, 4)).toThrow(/end early/);
    expect(() => decodeGaps16(w, 2)).toThrow(/left/);
    expect(() => decodeGaps16(w.subarray(0, w.length - 1), 3)).toThrow(/cut off/);
  });

  it("round-trips both indexes: the same rankings and filter answers", () => {
    const rank = new FitRankIndex();
    const text = new PostingTextIndex();
    const r = rng(11);
    for (let seq = 1; seq <= 400; seq++) {
      const uuid = new Uint8Array(16).map(() => Math.floor(r() * 256));
      rank.add({
        seq,
        uuid,
        fitDenominator: 1 + Math.floor(r() * 5),
        postedMicros: r() < 0.2 ? null : Math.floor(r() * 1e6) * 1e6,
        remote: r() < 0.3,
        countedKeys: SKILLS.filter(() => r() < 0.3),
      });
      text.addLocation(LOCATIONS[seq % LOCATIONS.length], [seq]);
      text.addTerm(WORDS[seq % WORDS.length].toLowerCase(), [seq]);
      text.addTerm(String(seq), [seq]);
    }
    for (const seq of [5, 6, 7]) {
      rank.remove(seq);
      text.remove(seq);
    }
    const bytes = encodeFitSnapshot({ epoch: "e1", version: 42 }, rank.exportParts(), text.exportParts());
    const d = decodeFitSnapshot(bytes);
    if (!d.ok) throw new Error(d.reason);
    expect(d.meta).toEqual({ epoch: "e1", version: 42 });
    const rank2 = FitRankIndex.fromParts(d.rank);
    const text2 = PostingTextIndex.fromParts(d.text);
    for (let i = 0; i < 20; i++) {
      const keys = SKILLS.filter(() => r() < 0.5);
      const only = r() < 0.5 ? text.match({ prefixes: ["n"] }) : undefined;
      expect(rank2.rank(keys, { limit: 60, onlySeqs: only, remoteOnly: i % 3 === 0 })).toEqual(
        rank.rank(keys, { limit: 60, onlySeqs: only, remoteOnly: i % 3 === 0 }),
      );
    }
    for (const p of ["an", "1", "12", "東", "nurs", "x"])
      expect([...text2.match({ prefixes: [p] })].sort()).toEqual([...text.match({ prefixes: [p] })].sort());
    expect([...text2.match({ locations: new Set([0, 2]) })]).toEqual([...text.match({ locations: new Set([0, 2]) })]);
    // Damaged: one flipped byte, a cut, another format.
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length / 2)] ^= 1;
    expect(decodeFitSnapshot(flipped)).toMatchObject({ ok: false, reason: "checksum mismatch" });
    expect(decodeFitSnapshot(bytes.subarray(0, bytes.length - 100)).ok).toBe(false);
    const other = bytes.slice();
    new DataView(other.buffer).setUint32(8, 99, true);
    expect(decodeFitSnapshot(other)).toMatchObject({ ok: false });
  });
});

describe.each(["file", "database"] as const)("a start from a snapshot in the %s store", (kind) => {
  const storeOf = () =>
    kind === "file" ? fileSnapshotStore(path.join(dir, `${kind}.snapshot`)) : databaseSnapshotStore(t.db);

  it("answers exactly as a full load does, and searches during the load are answered by SQL", async () => {
    const store = storeOf();
    expect((await fullLoadWriting(store)).last?.kind).toBe("full");
    expect(fitIndexInfo(t.db).snapshot?.written).toBeTruthy();
    await compareRandom(1, 40);

    dropFitIndex(t.db);
    setFitSnapshotStore(t.db, store);
    const first = await searchJobs(t.db, {
      skillKeys: SKILLS.slice(0, 4),
      query: "analyst",
      sort: "fit",
      pageSize: 15,
    });
    expect(first.rankedBy).toBe("sql");
    expect(first.results.map((x) => x.jobId)).toEqual(await naive(SKILLS.slice(0, 4), { query: "analyst" }, 15));
    while (fitIndexInfo(t.db).loading) await new Promise((r) => setTimeout(r, 5));
    expect(fitIndexInfo(t.db).last?.kind).toBe("snapshot");
    await compareRandom(1, 40);
  }, 120_000);

  it("a stale snapshot is brought up to date by the change log", async () => {
    const store = storeOf();
    await fullLoadWriting(store);
    const at = (await readCatalogueVersion(t.db)).version;
    await seed(rng(kind === "file" ? 50 : 60), 15, kind === "file" ? 10_000 : 20_000);
    await t.db.execute(
      sql`update jobs set search_text = 'analyst café zzz', location = 'Zürich' where source_key in ('1', '2')`,
    );
    await t.db.execute(sql`delete from job_skills where job_id = (select id from jobs where source_key = '3')`);
    await t.db.execute(sql`delete from jobs where source_key in ('4', '5')`);
    const info = await restart(store);
    expect(info.last).toMatchObject({ kind: "snapshot", fromVersion: at });
    expect(info.last!.postings).toBeGreaterThan(0);
    await compareRandom(2, 60);
    // A full load in the same state answers the same.
    expect((await restart(null)).last?.kind).toBe("full");
    await compareRandom(2, 60);
  }, 120_000);
});

describe("with the worker pool on (as in next start)", () => {
  it("the snapshot is packed and unpacked on its threads, and the start answers as a full load", async () => {
    const source = findWorkerSource(path.resolve(import.meta.dirname, "../.."), ".no-such-dist");
    const pool = new WorkerPool({ size: 1, memoryMb: 256, source: source! });
    setWorkerPool(pool);
    try {
      const store = fileSnapshotStore(path.join(dir, "pool.snapshot"));
      expect((await fullLoadWriting(store)).last?.kind).toBe("full");
      expect(pool.completed.encodeFitSnapshot).toBe(1);
      expect((await restart(store)).last?.kind).toBe("snapshot");
      expect(pool.completed.decodeFitSnapshot).toBe(1);
      await compareRandom(4, 40);
    } finally {
      setWorkerPool(null);
      await pool.close();
    }
  }, 120_000);
});

describe("a snapshot that doesn't fit is ignored (full load, same answers)", () => {
  const file = () => path.join(dir, "bad.snapshot");

  async function expectFullLoad(reason: RegExp) {
    const info = await restart(fileSnapshotStore(file()));
    expect(info.last?.kind).toBe("full");
    expect(info.snapshot?.skipped).toMatch(reason);
    await compareRandom(5, 25);
  }

  it("of another catalogue epoch", async () => {
    await restart(null);
    const v = await readCatalogueVersion(t.db);
    const { rank, text } = await freshFitIndexes(t.db);
    writeFileSync(
      file(),
      encodeFitSnapshot(
        { epoch: "00000000-0000-4000-8000-000000000000", version: v.version },
        rank.exportParts(),
        text.exportParts(),
      ),
    );
    await expectFullLoad(/none stored/);
  }, 60_000);

  it("truncated, corrupt, or of another format version", async () => {
    await fullLoadWriting(fileSnapshotStore(file()));
    const good = readFileSync(file());
    writeFileSync(file(), good.subarray(0, good.length - 1000));
    await expectFullLoad(/length/);
    const corrupt = Buffer.from(good);
    corrupt[corrupt.length - 5000] ^= 0xff;
    writeFileSync(file(), corrupt);
    await expectFullLoad(/checksum/);
    const other = Buffer.from(good);
    other.writeUInt32LE(7, 8);
    writeFileSync(file(), other);
    await expectFullLoad(/none stored/);
    // The catalogue truncated (a new epoch) after the snapshot.
    writeFileSync(file(), good);
    await t.db.execute(sql`truncate jobs cascade`);
    await seed(rng(8), 60);
    await expectFullLoad(/none stored/);
  }, 120_000);
});

describe("two instances writing at once", () => {
  it("leave a whole snapshot the next start uses", async () => {
    const store = databaseSnapshotStore(t.db);
    await restart(null);
    const { rank, text } = await freshFitIndexes(t.db);
    const v = await readCatalogueVersion(t.db);
    const bytes = encodeFitSnapshot({ epoch: v.epoch!, version: v.version }, rank.exportParts(), text.exportParts());
    await Promise.all([
      store.write(bytes, { epoch: v.epoch!, version: v.version }),
      store.write(bytes, { epoch: v.epoch!, version: v.version }),
    ]);
    const info = await restart(store);
    expect({ kind: info.last?.kind, skipped: info.snapshot?.skipped }).toEqual({ kind: "snapshot", skipped: null });
    await compareRandom(9, 25);
  }, 60_000);
});
