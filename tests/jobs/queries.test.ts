import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { openDb } from "@/db/client";
import { credentialSkills, credentials, jobSkills, jobs, users } from "@/db/schema";
import { learnerSkillKeys } from "@/db/queries/jobs/learner";
import { upsertCourses, upsertJobPostings } from "@/server/jobs/catalogue";
import { getJobDetail } from "@/server/jobs/detail";
import { listPathways } from "@/server/jobs/pathways";
import { searchJobs } from "@/server/jobs/search";
import { seedJobsCatalogue } from "@/server/seed/jobs";
import { resolveSkill } from "@/lib/fit";
import type { JobPostingInput } from "@/lib/jobs";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
});

const posting = (key: string, over: Partial<JobPostingInput> = {}): JobPostingInput => ({
  source: "test",
  sourceKey: key,
  title: `Job ${key}`,
  employer: "Acme",
  location: "Leeds, UK",
  remote: false,
  description: "",
  postedAt: new Date("2026-10-01T00:00:00Z"),
  url: null,
  skills: [],
  ...over,
});
const skills = (req: string[], pref: string[] = []) => [
  ...req.map((name) => ({ name, required: true })),
  ...pref.map((name) => ({ name, required: false })),
];

/** A learner with credentials carrying the given skill names; returns the user id. */
async function learnerWith(
  creds: Array<{ title: string; origin?: string; verification?: string | null; skills: string[]; added?: string[] }>,
) {
  const [u] = await t.db
    .insert(users)
    .values({ name: "Ada", email: `ada-${Math.random()}@example.org` })
    .returning();
  for (const [i, c] of creds.entries()) {
    const [row] = await t.db
      .insert(credentials)
      .values({
        userId: u.id,
        origin: c.origin ?? "upload",
        title: c.title,
        shareSlug: `s-${i}-${Math.random()}`,
        verificationResult: c.verification ?? null,
        // What the badge itself carries (a manual entry has no badge); `added` are skills the learner typed on.
        record: c.origin === "manual" ? null : { skills: c.skills.filter((n) => !c.added?.includes(n)) },
      })
      .returning();
    await t.db.insert(credentialSkills).values(
      c.skills.map((name, position) => {
        const r = resolveSkill(name);
        return { credentialId: row.id, userId: u.id, position, name, skillId: null, skillKey: r.key };
      }),
    );
  }
  return u.id;
}

describe("upsertJobPostings", () => {
  it("is idempotent by (source, key) and replaces skills on update", async () => {
    const first = await upsertJobPostings(t.db, [posting("a", { skills: skills(["SQL", "Python"]) }), posting("b")]);
    expect(first).toEqual({ inserted: 2, updated: 0 });
    const again = await upsertJobPostings(t.db, [
      posting("a", { title: "Renamed", skills: skills(["SQL", "MS Excel", "Microsoft Excel"], ["Tableau"]) }),
      posting("b"),
    ]);
    expect(again).toEqual({ inserted: 0, updated: 2 });
    const rows = await t.db.select().from(jobs).orderBy(jobs.sourceKey);
    expect(rows.map((r) => [r.sourceKey, r.title, r.fitDenominator])).toEqual([
      ["a", "Renamed", 2], // SQL + Excel (the alias pair is one skill); Tableau is preferred
      ["b", "Job b", 0],
    ]);
    const js = await t.db
      .select()
      .from(jobSkills)
      .where(sql`${jobSkills.jobId} = ${rows[0].id}`);
    expect(js).toHaveLength(3);
    expect(js.filter((s) => s.counts)).toHaveLength(2);
    expect(js.every((s) => s.fitDenominator === 2)).toBe(true); // the copy the ranking index reads
    expect(rows[0].searchText).toContain("tableau");
  });

  it("counts every skill when none is required", async () => {
    await upsertJobPostings(t.db, [posting("a", { skills: skills([], ["A", "B", "C"]) })]);
    const [row] = await t.db.select().from(jobs);
    expect(row.fitDenominator).toBe(3);
  });
});

describe("searchJobs and getJobDetail with a learner whose wallet has known skills", () => {
  beforeEach(async () => {
    const id25 = Array.from({ length: 24 }, (_, i) => `ID skill ${i + 1}`).concat("Online learning");
    await upsertJobPostings(t.db, [
      posting("id", { title: "Instructional Designer", skills: skills(id25), postedAt: new Date("2026-11-01Z") }),
      posting("analyst", {
        title: "Data Analyst",
        employer: "Lumen",
        skills: skills(["SQL", "Microsoft Excel", "Statistics"], ["Python"]),
        postedAt: new Date("2026-10-01Z"),
      }),
      posting("analyst2", {
        title: "Data Analyst",
        employer: "Older Co",
        skills: skills(["SQL", "Microsoft Excel", "Statistics"]),
        postedAt: new Date("2026-09-01Z"),
      }),
      posting("cook", {
        title: "Line Cook",
        location: "Denver, CO",
        skills: skills(["Food safety"]),
        postedAt: new Date("2026-11-10Z"),
      }),
      posting("remote", {
        title: "Remote Data Analyst",
        remote: true,
        location: "Remote",
        skills: skills(["SQL"]),
        postedAt: new Date("2026-08-01Z"),
      }),
      posting("none", { title: "Mystery job", postedAt: new Date("2026-11-15Z") }),
    ]);
    await upsertCourses(t.db, [
      {
        id: "sql",
        title: "SQL course",
        provider: "P",
        kind: "course",
        length: "1 week",
        cost: "Free",
        url: null,
        description: "",
        skills: ["SQL"],
      },
      {
        id: "stats",
        title: "Stats and SQL",
        provider: "P",
        kind: "credential",
        length: "2 weeks",
        cost: "$10",
        url: null,
        description: "",
        skills: ["Statistics", "SQL"],
      },
      {
        id: "cook",
        title: "Cooking",
        provider: "P",
        kind: "course",
        length: "",
        cost: "",
        url: null,
        description: "",
        skills: ["Food safety"],
      },
    ]);
  });

  it("the learner's skills are the union over their credentials, aliases resolved", async () => {
    const userId = await learnerWith([
      { title: "Spreadsheet badge", skills: ["MS Excel", "Online learning"] },
      { title: "Manual entry", origin: "manual", skills: ["Online learning"] },
    ]);
    expect((await learnerSkillKeys(t.db, userId)).sort()).toEqual(
      [resolveSkill("Microsoft Excel").key, resolveSkill("Online learning").key].sort(),
    );
  });

  it("ranks by fit, then by posted date, with matched/required counts; the 25-skill designer is 4%", async () => {
    const userId = await learnerWith([
      { title: "Badge", verification: "valid", skills: ["MS Excel", "Online learning"] },
    ]);
    const r = await searchJobs(t.db, { userId, sort: "fit", pageSize: 10 });
    expect(r.results.map((x) => [x.title, x.employer, x.fit])).toEqual([
      ["Data Analyst", "Lumen", 33],
      ["Data Analyst", "Older Co", 33],
      ["Instructional Designer", "Acme", 4],
      ["Mystery job", "Acme", 0],
      ["Line Cook", "Acme", 0],
      ["Remote Data Analyst", "Acme", 0],
    ]);
    const id = r.results[2];
    expect([id.matchedCount, id.requiredCount]).toEqual([1, 25]);
    expect(id.matched.map((s) => s.name)).toEqual(["Online learning"]);
    expect(r.learnerSkillCount).toBe(2);
    expect(r.hasNext).toBe(false);
  });

  it("paginates across the matched and unmatched parts without gaps or repeats", async () => {
    const skillKeys = [resolveSkill("SQL").key];
    const all = (await searchJobs(t.db, { skillKeys, pageSize: 100 })).results.map((x) => x.jobId);
    expect(all).toHaveLength(6);
    const paged: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const r = await searchJobs(t.db, { skillKeys, page, pageSize: 2 });
      expect(r.hasNext).toBe(page < 3);
      paged.push(...r.results.map((x) => x.jobId));
    }
    expect(paged).toEqual(all);
    expect((await searchJobs(t.db, { skillKeys, page: 4, pageSize: 2 })).results).toEqual([]);
  });

  it("filters by keyword (prefix words over title, employer, description, skills), location and remote", async () => {
    const skillKeys = [resolveSkill("SQL").key];
    const titles = async (q: Parameters<typeof searchJobs>[1]) =>
      (await searchJobs(t.db, { skillKeys, ...q })).results.map((x) => x.title);
    expect(await titles({ query: "analy" })).toEqual(["Remote Data Analyst", "Data Analyst", "Data Analyst"]);
    expect(await titles({ query: "lumen" })).toEqual(["Data Analyst"]);
    expect(await titles({ query: "food safety" })).toEqual(["Line Cook"]);
    expect(await titles({ query: "& | !" })).toHaveLength(6); // operators are not words
    expect(await titles({ location: "denver" })).toEqual(["Line Cook"]);
    expect(await titles({ location: "100%" })).toEqual([]);
    expect(await titles({ remote: true })).toEqual(["Remote Data Analyst"]);
    expect(await titles({ sort: "date", query: "data" })).toEqual([
      "Data Analyst",
      "Data Analyst",
      "Remote Data Analyst",
    ]);
    // Filtered pages, one row at a time, continue past the matched jobs into the unmatched ones.
    const all = (
      await searchJobs(t.db, { skillKeys: [resolveSkill("Food safety").key], location: "e", pageSize: 100 })
    ).results.map((r) => r.jobId);
    expect(all.length).toBeGreaterThan(2);
    const paged: string[] = [];
    for (let page = 1; page <= all.length + 1; page++) {
      paged.push(
        ...(
          await searchJobs(t.db, { skillKeys: [resolveSkill("Food safety").key], location: "e", page, pageSize: 1 })
        ).results.map((r) => r.jobId),
      );
    }
    expect(paged).toEqual(all);
  });

  it("signed out (no skills) lists jobs newest first with fit 0", async () => {
    const r = await searchJobs(t.db, {});
    expect(r.results[0].title).toBe("Mystery job");
    expect(r.results.every((x) => x.fit === 0)).toBe(true);
  });

  it("job detail names the credential behind each matched skill and its status, and recommends courses", async () => {
    const userId = await learnerWith([
      { title: "Verified badge", verification: "valid", skills: ["Microsoft Excel"] },
      { title: "Imported badge", verification: "indeterminate", skills: ["MS Excel"] },
      { title: "My own entry", origin: "manual", skills: ["Python"] },
    ]);
    const { results } = await searchJobs(t.db, { userId, query: "lumen" });
    const d = await getJobDetail(t.db, results[0].jobId, { userId });
    expect(d).not.toBeNull();
    expect(d!).toMatchObject({ fit: 33, requiredCount: 3, allSkillsCount: false });
    expect(d!.matched).toHaveLength(1);
    expect(d!.matched[0].evidence.map((e) => [e.title, e.status])).toEqual([
      ["Verified badge", "verified"],
      ["Imported badge", "self-asserted"],
    ]);
    expect(d!.missing.map((s) => s.name).sort()).toEqual(["SQL", "Statistics"]);
    expect(d!.preferred).toEqual([{ key: resolveSkill("Python").key, name: "Python", held: true }]);
    expect(d!.recommendations.map((r) => [r.offering.id, r.covers.length, r.fitBefore, r.fitAfter])).toEqual([
      ["stats", 2, 33, 100],
      ["sql", 1, 33, 67],
    ]);
    expect(d!.contributions.map((c) => [c.offering.title, c.fitWithout, c.fitWith])).toEqual([
      ["Imported badge", 33, 33],
      ["Verified badge", 33, 33],
    ]);
    expect(await getJobDetail(t.db, "not-a-uuid")).toBeNull();
    expect(await getJobDetail(t.db, "00000000-0000-0000-0000-000000000000")).toBeNull();
  });
});

describe("Verified fit and a catalogue that changes (issue #14)", () => {
  const analyst = (key: string, over: Partial<JobPostingInput> = {}) =>
    posting(key, {
      title: "Data Analyst",
      skills: skills(["SQL", "Microsoft Excel", "Statistics", "Python"]),
      ...over,
    });

  it("a learner with one verified and one self-asserted credential gets two numbers, evidence per skill, and a verified-only ranking", async () => {
    await upsertJobPostings(t.db, [
      analyst("sql-excel", { postedAt: new Date("2026-11-01Z") }),
      posting("excel-only", {
        title: "Spreadsheet clerk",
        skills: skills(["Microsoft Excel", "Bookkeeping"]),
        postedAt: new Date("2026-11-15Z"), // newer than the analyst: first of the two at 50%
      }),
      posting("sql-only", { title: "Database clerk", skills: skills(["SQL"]), postedAt: new Date("2026-09-01Z") }),
    ]);
    const userId = await learnerWith([
      { title: "Verified SQL badge", verification: "valid", skills: ["SQL"] },
      { title: "Unverified Excel badge", verification: "indeterminate", skills: ["MS Excel"] },
    ]);
    const all = await searchJobs(t.db, { userId });
    expect(all.results.map((r) => [r.title, r.fit, r.verifiedFit])).toEqual([
      ["Database clerk", 100, 100],
      ["Spreadsheet clerk", 50, 0],
      ["Data Analyst", 50, 25],
    ]);
    expect([all.learnerSkillCount, all.verifiedSkillCount, all.verifiedOnly]).toEqual([2, 1, false]);
    const verified = await searchJobs(t.db, { userId, verifiedOnly: true });
    expect(verified.results.map((r) => [r.title, r.verifiedFit, r.fit])).toEqual([
      ["Database clerk", 100, 100],
      ["Data Analyst", 25, 50],
      ["Spreadsheet clerk", 0, 50],
    ]);
    expect(verified.verifiedOnly).toBe(true);

    const d = (await getJobDetail(t.db, verified.results[1].jobId, { userId }))!;
    expect([d.fit, d.verifiedFit, d.verifiedCount, d.requiredCount]).toEqual([50, 25, 1, 4]);
    expect(d.matched.map((s) => [s.name, s.verified, s.evidence.map((e) => [e.title, e.status])])).toEqual([
      ["Microsoft Excel", false, [["Unverified Excel badge", "self-asserted"]]],
      ["SQL", true, [["Verified SQL badge", "verified"]]],
    ]);
    // A skill the learner typed onto a verified badge is theirs, not the issuer's: self-asserted.
    const typedOn = await learnerWith([
      { title: "Verified SQL badge", verification: "valid", skills: ["SQL", "Statistics"], added: ["Statistics"] },
    ]);
    const td = (await getJobDetail(t.db, verified.results[1].jobId, { userId: typedOn }))!;
    expect([td.fit, td.verifiedFit]).toEqual([50, 25]);
    expect(td.matched.map((s) => [s.name, s.verified, s.evidence.map((e) => e.status)])).toEqual([
      ["SQL", true, ["verified"]],
      ["Statistics", false, ["self-asserted"]],
    ]);
    // Typed-in skills are never verified.
    const typed = await searchJobs(t.db, { skillKeys: [resolveSkill("SQL").key], verifiedOnly: true });
    expect(typed.results.every((r) => r.verifiedFit === 0)).toBe(true);
    expect(typed.results.map((r) => r.title)).toEqual(["Spreadsheet clerk", "Data Analyst", "Database clerk"]); // date order

    const [path] = await listPathways(t.db, { userId });
    expect(path === undefined || path.verifiedFit.overall <= path.fit.overall).toBe(true);
  });

  it("a posting imported, changed or deleted shows in the very next search", async () => {
    const skillKeys = [resolveSkill("SQL").key, resolveSkill("Statistics").key];
    await upsertJobPostings(t.db, [analyst("a", { postedAt: new Date("2026-10-01Z") })]);
    expect((await searchJobs(t.db, { skillKeys })).results.map((r) => [r.title, r.fit])).toEqual([
      ["Data Analyst", 50],
    ]);
    await upsertJobPostings(t.db, [
      posting("b", { title: "Statistician", skills: skills(["Statistics"]), postedAt: new Date("2026-09-01Z") }),
    ]);
    expect((await searchJobs(t.db, { skillKeys })).results.map((r) => [r.title, r.fit])).toEqual([
      ["Statistician", 100],
      ["Data Analyst", 50],
    ]);
    // An update replaces the posting's skills: the old ones stop counting.
    await upsertJobPostings(t.db, [
      posting("b", { title: "Statistician", skills: skills(["Nursing"]), postedAt: new Date("2026-09-01Z") }),
    ]);
    expect((await searchJobs(t.db, { skillKeys })).results.map((r) => [r.title, r.fit])).toEqual([
      ["Data Analyst", 50],
      ["Statistician", 0],
    ]);
    // A delete by any path (here plain SQL) is seen too; so is a skill row changed without touching the posting.
    await t.db.delete(jobs).where(sql`${jobs.sourceKey} = 'a'`);
    expect((await searchJobs(t.db, { skillKeys })).results.map((r) => r.title)).toEqual(["Statistician"]);
    await t.db
      .update(jobSkills)
      .set({ skillKey: resolveSkill("SQL").key, name: "SQL" })
      .where(sql`${jobSkills.name} = 'Nursing'`);
    expect((await searchJobs(t.db, { skillKeys })).results.map((r) => [r.title, r.fit])).toEqual([
      ["Statistician", 100],
    ]);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "two database handles on one PostgreSQL (two app instances) see each other's imports in the next search",
    async () => {
      const other = await openDb({ databaseUrl: t.url! });
      try {
        const skillKeys = [resolveSkill("SQL").key];
        await upsertJobPostings(t.db, [analyst("one", { postedAt: new Date("2026-10-01Z") })]);
        expect((await searchJobs(other.db, { skillKeys })).results.map((r) => r.title)).toEqual(["Data Analyst"]);
        expect((await searchJobs(t.db, { skillKeys })).results.map((r) => r.title)).toEqual(["Data Analyst"]);
        await upsertJobPostings(other.db, [
          posting("two", { title: "SQL developer", skills: skills(["SQL"]), postedAt: new Date("2026-09-01Z") }),
        ]);
        expect((await searchJobs(t.db, { skillKeys })).results.map((r) => [r.title, r.fit])).toEqual([
          ["SQL developer", 100],
          ["Data Analyst", 25],
        ]);
        await upsertJobPostings(t.db, [
          posting("three", { title: "SQL lead", skills: skills(["SQL"]), postedAt: new Date("2026-11-01Z") }),
        ]);
        expect((await searchJobs(other.db, { skillKeys })).results.map((r) => r.title)).toEqual([
          "SQL lead",
          "SQL developer",
          "Data Analyst",
        ]);
      } finally {
        await other.close();
      }
    },
  );
});

describe("seedJobsCatalogue", () => {
  it("loads ≥ 300 postings, ≥ 100 courses, ≥ 20 pathways, idempotently", async () => {
    const n = await seedJobsCatalogue(t.db);
    expect(n).toBeGreaterThanOrEqual(300);
    const count = async (table: string) =>
      Number(
        (
          (await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
            rows: Array<{ n: number }>;
          }
        ).rows[0].n,
      );
    const before = {
      jobs: await count("jobs"),
      jobSkills: await count("job_skills"),
      courses: await count("courses"),
      pathways: await count("pathways"),
    };
    expect(before.jobs).toBe(n);
    expect(before.courses).toBeGreaterThanOrEqual(100);
    expect(before.pathways).toBeGreaterThanOrEqual(20);
    expect(await seedJobsCatalogue(t.db)).toBe(n);
    expect({
      jobs: await count("jobs"),
      jobSkills: await count("job_skills"),
      courses: await count("courses"),
      pathways: await count("pathways"),
    }).toEqual(before);

    const found = (
      await searchJobs(t.db, {
        skillKeys: [resolveSkill("Online learning").key],
        query: "instructional designer",
        pageSize: 50,
      })
    ).results;
    const designer = found.find((j) => j.requiredCount === 25);
    expect(designer).toMatchObject({
      title: "Instructional Designer",
      employer: "Open Pathways Learning",
      fit: 4,
      matchedCount: 1,
    });
    expect(designer!.matched.map((s) => s.name)).toEqual(["Online learning"]);

    const paths = await listPathways(t.db, {
      skillKeys: [resolveSkill("Classroom support").key, resolveSkill("Communication").key],
    });
    const ta = paths.find((p) => p.id === "teaching-to-learning-design")!;
    expect(ta.steps.map((s) => s.role)).toEqual([
      "Teaching Assistant",
      "Instructional Designer",
      "Learning Experience Lead",
    ]);
    expect(ta.fit.steps[0].fit).toBe(40);
    expect(ta.fit.nextStep).toBe(0);
    // Close the gap for the next step, ranked like the job page (issue #14): courses in the field, none off it.
    expect(ta.suggestions.map((r) => r.offering.id)).toEqual(["ta-level-3", "teamwork-essentials"]);
    expect(ta.suggestions[0]).toMatchObject({ fitBefore: 40, fitAfter: 60 }); // + Child development
    expect((await listPathways(t.db)).every((p) => p.suggestions.length === 0)).toBe(true); // signed out

    // A cybersecurity analyst who lacks only Communication is not sent to "Dementia Care Essentials".
    const cyber = (await searchJobs(t.db, { query: "cybersecurity analyst", pageSize: 50 })).results.find(
      (j) => j.title === "Cybersecurity Analyst",
    )!;
    const skillKeys = [
      "Network security",
      "Incident response",
      "Risk assessment",
      "Security monitoring",
      "Vulnerability management",
    ].map((n) => resolveSkill(n).key);
    const gap = await getJobDetail(t.db, cyber.jobId, { skillKeys });
    expect(gap!.missing.map((s) => s.name)).toEqual(["Communication"]);
    const titles = gap!.recommendations.map((r) => r.offering.title);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles).not.toContain("Dementia Care Essentials");
    expect(titles).not.toContain("Teaching Assistant Certificate");
  });
});
