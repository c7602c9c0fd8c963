// /jobs/check's server function on a real database, against a real local HTTP server: a posting
// by address (JSON-LD, or text when the page has none) or pasted, scored by the same function as
// /jobs/[id], re-scored after the learner unticks a mistake — and nothing is ever written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { codeOf } from "../support/errors";
import { startServer, type TestServer } from "../support/net";
import { PASTED_POSTING, PASTED_POSTING_SKILLS, htmlPage, postingPage } from "../support/job-pages";
import { credentialSkills, credentials, jobSkills, jobs, users } from "@/db/schema";
import { customSkillKey, resolveSkill } from "@/lib/skills";
import { checkPosting, rescorePosting, type PostingSource } from "@/server/jobs/check";
import { getJobDetail } from "@/server/jobs/detail";
import { seedJobsCatalogue } from "@/server/seed/jobs";
import { seedSkillsLibrary } from "@/server/seed/skills";
import { getSkillIndex } from "@/server/skills/skill-index";

let t: TestDb;
let server: TestServer;
let allow: string[];
let learner: string;
/** A seeded catalogue posting, published again as a page of its own. */
let seeded: { id: string };

const page =
  (html: string, type = "text/html; charset=utf-8", status = 200) =>
  (_q: unknown, res: import("node:http").ServerResponse) => {
    res.writeHead(status, { "content-type": type });
    res.end(html);
  };

beforeAll(async () => {
  t = await createTestDb();
  await seedSkillsLibrary(t.db);
  await seedJobsCatalogue(t.db);

  // The learner holds SQL and Microsoft Excel from one verified credential.
  const [u] = await t.db.insert(users).values({ name: "Ada", email: "ada@example.org" }).returning();
  learner = u!.id;
  const [cred] = await t.db
    .insert(credentials)
    .values({ userId: learner, origin: "upload", title: "Data Basics", shareSlug: "s-1", verificationResult: "valid" })
    .returning();
  await t.db.insert(credentialSkills).values(
    ["SQL", "Microsoft Excel"].map((name, position) => {
      const r = resolveSkill(name);
      return { credentialId: cred!.id, userId: learner, position, name, skillId: r.skillId, skillKey: r.key };
    }),
  );

  // A seeded posting that needs SQL, with its listed skills.
  const [withSql] = await t.db
    .select({ id: jobs.id })
    .from(jobs)
    .innerJoin(jobSkills, eq(jobSkills.jobId, jobs.id))
    // One whose every listed skill counts (no preferred ones), so both lists are the same.
    .where(
      sql`${jobSkills.skillKey} = ${resolveSkill("SQL").key} and not exists (
        select 1 from job_skills p where p.job_id = ${jobs.id} and not p.counts)`,
    )
    .orderBy(jobs.title)
    .limit(1);
  seeded = { id: withSql!.id };

  server = await startServer({
    "/jobs/analyst": page(
      postingPage({
        id: "an-1",
        title: "Reporting Analyst",
        skills: ["SQL", "Tableau", "Statistics"],
        url: "/jobs/analyst",
      }),
    ),
    "/jobs/prose": page(htmlPage({ title: "Junior Data Analyst", body: `<pre>${PASTED_POSTING}</pre>` })),
    "/jobs/broken": page(
      htmlPage({ jsonLd: ['{"@type": "JobPosting", "title": "Half'], body: "<p>Python and SQL.</p>" }),
    ),
    "/jobs/huge": (_q, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<p>${"x".repeat(4 * 1024 * 1024)}</p>`);
    },
    "/logo.png": page("\u0089PNG\r\n\u001a\n\u0000\u0000", "image/png"),
    "/sitemap.xml": page('<?xml version="1.0"?><urlset/>', "application/xml"),
    "/gone": page("<h1>This job has been filled</h1>", "text/html", 410),
    "/to-private": (_q, res) => {
      res.writeHead(302, { location: "https://10.0.0.7/jobs/1" });
      res.end();
    },
  });
  allow = [`127.0.0.1:${server.port}`];
});

afterAll(async () => {
  await server?.close();
  await t?.close();
});

/** Every table's row count and a fingerprint of its rows: equal before and after means nothing was written. */
async function snapshot(): Promise<Record<string, string>> {
  const res = await t.db.execute(
    sql`select tablename from pg_tables where schemaname = current_schema() and left(tablename, 2) <> '__' order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of (res as unknown as { rows: Array<{ tablename: string }> }).rows) {
    const r = await t.db.execute(
      sql.raw(
        `select count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as f from "${tablename}" x`,
      ),
    );
    out[tablename] = (r as unknown as { rows: Array<{ f: string }> }).rows[0]!.f;
  }
  return out;
}

const check = (source: PostingSource) => checkPosting(t.db, source, { userId: learner }, { allowHosts: allow });

/** Every refusal of a check is an exposed AppError (its message is the learner's). */
const EXPOSED = { exposed: true };

describe("checkPosting", () => {
  it("reads a posting page's JobPosting JSON-LD and scores it for the learner", async () => {
    const r = await check({ url: `${server.origin}/jobs/analyst` });
    expect(r.posting).toMatchObject({
      from: "json-ld",
      title: "Reporting Analyst",
      employer: "Northwind Health",
      url: `${server.origin}/jobs/analyst`,
      notes: [],
    });
    expect(r.posting.skills.map((s) => s.name)).toEqual(["SQL", "Tableau", "Statistics"]);
    expect(r.fit).toMatchObject({ fit: 33, requiredCount: 3 });
    expect(r.fit.matched.map((s) => s.name)).toEqual(["SQL"]);
    expect(r.fit.matched[0]!.evidence).toEqual([expect.objectContaining({ title: "Data Basics" })]);
    expect(r.fit.missing.map((s) => s.name)).toEqual(["Tableau", "Statistics"]);
  });

  it("scores and suggests exactly as /jobs/[id] does for the same skills", async () => {
    const detail = (await getJobDetail(t.db, seeded.id, { userId: learner }))!;
    expect(detail.matched.map((s) => s.name)).toContain("SQL");
    expect(detail.preferred).toEqual([]);
    // The skills that count on the catalogue posting, checked as a posting from elsewhere.
    const counted = new Set([...detail.matched, ...detail.missing].map((s) => s.key));
    const rescored = await rescorePosting(
      t.db,
      [...detail.matched, ...detail.missing].map((s) => ({ key: s.key, name: s.name })),
      { userId: learner },
    );
    expect(new Set(rescored.skills.map((s) => s.key))).toEqual(counted);
    expect(rescored.fit.fit).toBe(detail.fit);
    expect(rescored.fit.matched.map((s) => s.key)).toEqual(detail.matched.map((s) => s.key));
    expect(rescored.fit.missing.map((s) => s.key)).toEqual(detail.missing.map((s) => s.key));
    expect(rescored.fit.recommendations).toEqual(detail.recommendations);
    expect(rescored.fit.contributions).toEqual(detail.contributions);
  });

  it("reads the skills from the page's text when it has no JSON-LD, and from pasted text", async () => {
    const byUrl = await check({ url: `${server.origin}/jobs/prose` });
    expect(byUrl.posting).toMatchObject({ from: "text", title: "Junior Data Analyst", notes: [] });
    expect(byUrl.posting.skills.map((s) => s.name)).toEqual(PASTED_POSTING_SKILLS);

    const pasted = await check({ text: PASTED_POSTING });
    expect(pasted.posting.title).toBe("Junior Data Analyst — Riverside Council");
    expect(pasted.posting.skills.map((s) => s.name)).toEqual(PASTED_POSTING_SKILLS);
    expect(pasted.posting.skills.find((s) => s.name === "Dashboard design")?.written).toBe("dashboards");
    // SQL and Microsoft Excel held: 2 of 11.
    expect(pasted.fit.fit).toBe(18);
    expect(pasted.fit.recommendations.length).toBeGreaterThan(0);
  });

  it("re-scores the skills the learner kept, without reading the posting again", async () => {
    const first = await check({ text: PASTED_POSTING });
    const hitsBefore = [...server.hits.values()].reduce((a, b) => a + b, 0);
    const kept = first.posting.skills.filter((s) => s.name !== "Writing");
    const r = await rescorePosting(t.db, kept, { userId: learner });
    expect(r.skills.map((s) => s.name)).toEqual(PASTED_POSTING_SKILLS.filter((n) => n !== "Writing"));
    expect(r.fit.fit).toBe(20); // 2 of 10
    expect([...server.hits.values()].reduce((a, b) => a + b, 0)).toBe(hitsBefore);

    // Keys come from the browser: a library key must exist, a custom key must be its name's.
    const index = await getSkillIndex(t.db);
    const forged = await rescorePosting(
      t.db,
      [
        { key: "no-such-skill", name: "Tableau" },
        { key: "custom:whatever", name: "Underwater basket weaving" },
        { key: customSkillKey("Ferret grooming"), name: "Ferret grooming" },
        { key: resolveSkill("SQL", index).key, name: "anything at all" },
      ],
      { userId: learner },
    );
    expect(forged.skills).toEqual([
      { key: resolveSkill("Tableau", index).key, name: "Tableau", written: null },
      { key: customSkillKey("Underwater basket weaving"), name: "Underwater basket weaving", written: null },
      { key: customSkillKey("Ferret grooming"), name: "Ferret grooming", written: null },
      { key: resolveSkill("SQL", index).key, name: "SQL", written: null },
    ]);
    expect(forged.fit.fit).toBe(25);
    await expect(
      rescorePosting(
        t.db,
        Array.from({ length: 101 }, (_, i) => ({ key: `custom:s${i}`, name: `s${i}` })),
        {},
      ),
    ).rejects.toMatchObject({ code: "POSTING_TOO_MANY_SKILLS" });
  });

  it("falls back to the page's text when its JSON-LD is malformed, and says so", async () => {
    const r = await check({ url: `${server.origin}/jobs/broken` });
    expect(r.posting.from).toBe("text");
    expect(r.posting.notes.map((n) => n.code)).toEqual(["JSONLD_INVALID"]);
    expect(r.posting.skills.map((s) => s.name)).toEqual(["Python", "SQL"]);
  });

  it("refuses hostile or unusable input with a coded, learner-worded error", async () => {
    expect(await codeOf(check({ url: `${server.origin}/jobs/huge` }), EXPOSED)).toBe("FETCH_TOO_LARGE");
    expect(await codeOf(check({ url: `${server.origin}/logo.png` }), EXPOSED)).toBe("FETCH_BAD_TYPE");
    expect(await codeOf(check({ url: `${server.origin}/sitemap.xml` }), EXPOSED)).toBe("POSTING_NOT_A_PAGE");
    expect(await codeOf(check({ url: `${server.origin}/gone` }), EXPOSED)).toBe("POSTING_HTTP_STATUS");
    expect(await codeOf(check({ url: `${server.origin}/to-private` }), EXPOSED)).toBe("FETCH_BLOCKED");
    expect(await codeOf(check({ url: "not a link" }), EXPOSED)).toBe("FETCH_INVALID_URL");
    expect(await codeOf(check({ url: " " }), EXPOSED)).toBe("POSTING_EMPTY");
    expect(await codeOf(check({ text: "   " }), EXPOSED)).toBe("POSTING_EMPTY");
    expect(await codeOf(check({ text: '{"@type": "JobPosting", "title": ' }), EXPOSED)).toBe("POSTING_INVALID_JSON");
    expect(await codeOf(check({ text: '{"@type": "Organization", "name": "x"}' }), EXPOSED)).toBe("POSTING_NOT_FOUND");
    // Without the test allow-list, the local server is a private address like any other.
    expect(
      await codeOf(checkPosting(t.db, { url: `${server.origin}/jobs/analyst` }, {}, { allowHosts: [] }), EXPOSED),
    ).toBe("FETCH_BLOCKED");
    expect(await codeOf(checkPosting(t.db, { url: "https://169.254.169.254/latest/meta-data/" }, {}), EXPOSED)).toBe(
      "FETCH_BLOCKED",
    );
  });

  it("writes nothing: the posting never joins the catalogue", async () => {
    const before = await snapshot();
    await check({ url: `${server.origin}/jobs/analyst` });
    await check({ url: `${server.origin}/jobs/prose` });
    const pasted = await check({ text: PASTED_POSTING });
    await rescorePosting(t.db, pasted.posting.skills.slice(1), { userId: learner });
    expect(await codeOf(check({ url: `${server.origin}/jobs/huge` }), EXPOSED)).toBe("FETCH_TOO_LARGE");
    expect(await snapshot()).toEqual(before);
    expect(before.jobs).toMatch(/^[1-9]\d*:/);
  });
});
