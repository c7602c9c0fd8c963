// Keyword and location filters from the fit index (issue #23 §1) give exactly the SQL answer:
// random queries over a seeded catalogue of tricky texts and locations, compared with the naive
// query (fit for every posting, the SQL filters, everything sorted), before and after changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { insertTestPosting, naiveFitTop, rng } from "../support/fit";
import { PostingTextIndex } from "@/lib/fit/text-index";
import { dropFitIndex, fitIndexInfo } from "@/server/jobs/fit-index";
import { searchJobs } from "@/server/jobs/search";

let t: TestDb;

const WORDS = [
  "analyst",
  "Analyst",
  "ANALYSTS",
  "analysis",
  "data-analyst",
  "café",
  "CAFÉ",
  "cafe",
  "naïve",
  "Straße",
  "o'brien",
  "c++",
  "c#",
  "node.js",
  "e-mail",
  "x@y.org",
  "https://example.org/a/b",
  "2024",
  "v2.1",
  "qa/qc",
  "über",
  "Ünit",
  "東京",
  "İstanbul",
  "ﬁnance",
  "back\\slash",
  "it's",
  "a_b",
  "nurse",
  "nursing",
  "rn",
];
const LOCATIONS = [
  "City 7",
  "City 70",
  "city 7",
  "Montréal, QC",
  "MONTREAL",
  "São Paulo",
  "100% Remote",
  "a_b town",
  "back\\slash",
  "",
  "  Spaced  ",
  "Zürich",
  "ZÜRICH",
  "İzmir",
];
const SKILLS = Array.from({ length: 12 }, (_, i) => `t:s${i}`);

async function seed(r: () => number, n: number, from = 0) {
  for (let i = from; i < from + n; i++) {
    const words = Array.from({ length: 1 + Math.floor(r() * 6) }, () => WORDS[Math.floor(r() * WORDS.length)]);
    const text = words.join(r() < 0.5 ? " " : ", ").toLowerCase();
    const loc = LOCATIONS[Math.floor(r() * LOCATIONS.length)];
    const days = Math.floor(r() * 4);
    const skills = SKILLS.filter(() => r() < 0.3);
    const remote = r() < 0.3;
    await insertTestPosting(t.db, {
      key: String(i),
      title: words.join(" "),
      location: loc,
      remote,
      day: days,
      skills,
      searchText: text,
    });
  }
}

const naive = (keys: readonly string[], q: { query?: string; location?: string; remote?: boolean }, limit: number) =>
  naiveFitTop(t.db, keys, q, limit);

const QUERIES = [
  "analyst",
  "ANALYST",
  "anal",
  "analysts",
  "data analyst",
  "data-analyst",
  "café",
  "CAFE",
  "cafe",
  "naive",
  "naïve",
  "strasse",
  "straße",
  "o'brien",
  "brien",
  "c++",
  "c",
  "node.js",
  "js",
  "e-mail",
  "mail",
  "x@y.org",
  "example",
  "202",
  "v2",
  "qa qc",
  "über",
  "ünit",
  "東京",
  "istanbul",
  "i̇stanbul",
  "finance",
  "ﬁnance",
  "back\\slash",
  "it's",
  "a_b",
  "nurs",
  "r",
  "   ",
  "!!",
  "zzz",
];
const LOCS = [
  "City 7",
  "city",
  "7",
  "montréal",
  "MONTRÉAL",
  "montreal",
  "são",
  "100%",
  "%",
  "_",
  "a_b",
  "\\",
  "back\\slash",
  "  Spaced ",
  "zürich",
  "ZURICH",
  "izmir",
  "İzmir",
  "nowhere",
];

beforeAll(async () => {
  t = await createTestDb();
  await seed(rng(7), 600);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function compareRandom(r: () => number, rounds: number) {
  for (let i = 0; i < rounds; i++) {
    const keys = SKILLS.filter(() => r() < 0.4);
    if (!keys.length) keys.push(SKILLS[0]);
    const q = {
      query: r() < 0.7 ? QUERIES[Math.floor(r() * QUERIES.length)] : undefined,
      location: r() < 0.5 ? LOCS[Math.floor(r() * LOCS.length)] : undefined,
      remote: r() < 0.3,
    };
    const limit = 1 + Math.floor(r() * 40);
    const got = await searchJobs(t.db, { skillKeys: keys, ...q, sort: "fit", pageSize: limit });
    const want = await naive(keys, q, limit + 1);
    expect({ q, ids: got.results.map((x) => x.jobId) }).toEqual({ q, ids: want.slice(0, limit) });
    expect(got.hasNext).toBe(want.length > limit);
  }
}

describe("filtered fit search from the index", () => {
  it("answers random keyword/location/remote queries exactly as the SQL query does", async () => {
    dropFitIndex(t.db);
    await compareRandom(rng(1), 150);
    expect(fitIndexInfo(t.db).last?.kind).not.toBe("changes");
  }, 120_000);

  it("stays exact after postings are added, edited and deleted (the logged changes path)", async () => {
    await searchJobs(t.db, { skillKeys: SKILLS, query: "analyst", sort: "fit" });
    await seed(rng(99), 40, 10_000);
    await t.db.execute(
      sql`update jobs set search_text = 'analyst café', location = 'Zürich' where source_key in ('1', '2', '3')`,
    );
    await t.db.execute(
      sql`update jobs set search_text = 'plumber', location = 'Brand New Town' where source_key in ('4', '5')`,
    );
    await t.db.execute(sql`delete from jobs where source_key in ('6', '7', '8')`);
    await compareRandom(rng(2), 60);
    expect(fitIndexInfo(t.db).last?.kind).toBe("none");
    const got = await searchJobs(t.db, { skillKeys: SKILLS, location: "brand new", sort: "fit", pageSize: 10 });
    expect(got.results.length).toBe(2);
  }, 120_000);
});

/** A learner whose wallet holds a verified badge, a skill they added to it, an unverified badge and a manual entry. */
async function walletLearner(
  creds: Array<{ result: string | null; origin?: string; badge: string[]; added?: string[] }>,
) {
  const [u] = (
    (await t.db.execute(
      sql`insert into users (name, email) values ('Fit learner', ${`fit-${Math.random()}@example.org`}) returning id`,
    )) as unknown as { rows: Array<{ id: string }> }
  ).rows;
  for (const [i, c] of creds.entries()) {
    const origin = c.origin ?? "upload";
    const [row] = (
      (await t.db.execute(sql`insert into credentials (user_id, origin, title, share_slug, verification_result, record)
        values (${u.id}, ${origin}, ${`Badge ${i}`}, ${`fit-${i}-${Math.random()}`}, ${c.result},
                ${origin === "manual" ? null : JSON.stringify({ skills: c.badge })}::jsonb) returning id`)) as unknown as {
        rows: Array<{ id: string }>;
      }
    ).rows;
    for (const [position, k] of [...c.badge, ...(c.added ?? [])].entries())
      await t.db.execute(sql`insert into credential_skills (credential_id, user_id, position, name, skill_key)
        values (${row.id}, ${u.id}, ${position}, ${k}, ${k})`);
  }
  return u.id;
}

describe("Verified fit and remote combined with keyword and location, from the index", () => {
  const VERIFIED = SKILLS.slice(0, 5);
  const ALL = SKILLS.slice(0, 10);
  let learnerId = "";
  let unverifiedId = "";
  /** Adjacent results with the same score and date: their order is the id tie-break. */
  let ties = 0;

  beforeAll(async () => {
    learnerId = await walletLearner([
      { result: "valid", badge: VERIFIED, added: [SKILLS[5]] },
      { result: "indeterminate", badge: SKILLS.slice(6, 9) },
      { result: null, origin: "manual", badge: [SKILLS[9]] },
    ]);
    unverifiedId = await walletLearner([{ result: "indeterminate", badge: SKILLS.slice(0, 6) }]);
  }, 60_000);

  type Combo = { query?: string; location?: string; remote?: boolean; verifiedOnly?: boolean };
  async function compare(userId: string, keys: readonly string[], c: Combo, pageSize: number, page = 1) {
    const got = await searchJobs(t.db, { userId, ...c, sort: "fit", pageSize, page });
    const want = await naive(keys, c, page * pageSize + 1);
    const ids = got.results.map((x) => x.jobId);
    expect({ c, page, ids }).toEqual({ c, page, ids: want.slice((page - 1) * pageSize, page * pageSize) });
    expect(got.hasNext).toBe(want.length > page * pageSize);
    for (let i = 1; i < got.results.length; i++) {
      const a = got.results[i - 1];
      const b = got.results[i];
      const score = (x: typeof a) => (c.verifiedOnly ? x.verifiedFit : x.fit);
      if (score(a) === score(b) && a.postedAt?.getTime() === b.postedAt?.getTime()) ties++;
    }
    return got;
  }

  it("reads the verified skills the badge itself names", async () => {
    const { learnerSkills } = await import("@/server/jobs/search");
    const s = await learnerSkills(t.db, { userId: learnerId });
    expect([...s.verified].sort()).toEqual([...VERIFIED].sort());
    expect([...s.all].sort()).toEqual([...ALL].sort());
  });

  it("answers every combination exactly as the SQL query does, on two pages", async () => {
    while (fitIndexInfo(t.db).loading) await new Promise((r) => setTimeout(r, 10));
    const combos: Combo[] = [
      { query: "analyst", remote: true },
      { location: "city", remote: true },
      { query: "analyst", verifiedOnly: true },
      { location: "City 7", verifiedOnly: true },
      { query: "analyst", location: "city", verifiedOnly: true },
      { query: "analyst", remote: true, verifiedOnly: true },
      { location: "montréal", remote: true, verifiedOnly: true },
      { query: "café", location: "zürich", remote: true, verifiedOnly: true },
      { query: "c++", location: "%", remote: true },
      { remote: true, verifiedOnly: true },
      { verifiedOnly: true },
    ];
    for (const c of combos)
      for (const page of [1, 2]) {
        const got = await compare(learnerId, c.verifiedOnly ? VERIFIED : ALL, c, 7, page);
        expect(got.rankedBy).toBe("index");
      }
    expect(ties).toBeGreaterThan(0);
  }, 120_000);

  it("gives the same empty answer when nothing passes", async () => {
    for (const c of [
      { query: "zzz", verifiedOnly: true },
      { query: "analyst", location: "nowhere", remote: true, verifiedOnly: true },
      { location: "nowhere", remote: true },
      { query: "zzz", remote: true },
    ]) {
      const got = await compare(learnerId, c.verifiedOnly ? VERIFIED : ALL, c, 10);
      expect(got.results).toEqual([]);
      expect(got.hasNext).toBe(false);
    }
  });

  it("answers random combinations exactly, and a learner with no verified skill by date", async () => {
    const r = rng(23);
    for (let i = 0; i < 120; i++) {
      const c: Combo = {
        query: r() < 0.6 ? QUERIES[Math.floor(r() * QUERIES.length)] : undefined,
        location: r() < 0.5 ? LOCS[Math.floor(r() * LOCS.length)] : undefined,
        remote: r() < 0.5,
        verifiedOnly: r() < 0.6,
      };
      await compare(learnerId, c.verifiedOnly ? VERIFIED : ALL, c, 1 + Math.floor(r() * 30));
    }
    for (const c of [{ verifiedOnly: true }, { query: "analyst", remote: true, verifiedOnly: true }])
      await compare(unverifiedId, [], c, 9);
  }, 120_000);
});

describe("while the index loads", () => {
  it("a search is answered by SQL (the same answer), and the index serves once loaded", async () => {
    dropFitIndex(t.db);
    const q = { query: "analyst", location: "city" };
    const first = await searchJobs(t.db, { skillKeys: SKILLS.slice(0, 5), ...q, sort: "fit", pageSize: 20 });
    expect(first.rankedBy).toBe("sql");
    const want = await naive(SKILLS.slice(0, 5), q, 20);
    expect(first.results.map((x) => x.jobId)).toEqual(want);
    while (fitIndexInfo(t.db).loading) await new Promise((r) => setTimeout(r, 10));
    const next = await searchJobs(t.db, { skillKeys: SKILLS.slice(0, 5), ...q, sort: "fit", pageSize: 20 });
    expect(next.rankedBy).toBe("index");
    expect(next.results.map((x) => x.jobId)).toEqual(want);
  }, 60_000);
});

describe("PostingTextIndex", () => {
  it("forgets a removed or replaced posting's words", () => {
    const x = new PostingTextIndex();
    x.addLocation("A", [1, 2]);
    x.addTerm("analyst", [1, 2]);
    x.remove(2);
    x.addLocation("B", [2]);
    x.addTerm("nurse", [2]);
    expect([...x.match({ prefixes: ["anal"] })]).toEqual([1]);
    expect([...x.match({ prefixes: ["nur"] })]).toEqual([2]);
    expect([...x.match({ locations: new Set([1]) })]).toEqual([2]);
    x.maybeCompact();
    expect([...x.match({ prefixes: ["a"] })]).toEqual([1]);
  });
});
