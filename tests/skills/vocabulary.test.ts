// One skill vocabulary, end to end on a real database (issue #14 item 1):
// `sash import-skills --format esco` → the learner picks an ESCO-only skill in
// the wallet (the picker's {id,label} value, through the wallet service) →
// Opportunity Fit on a posting that requires it is 50 % (1 of 2), through
// `sash fit` and the learner's own job search. And `sash relink-skills` (run by
// the import too): a custom skill saved before the import becomes the imported one.
//
// The CLI commands open the database the way a deployer's do: the embedded
// database in a scratch folder, or the throwaway PostgreSQL database of
// TEST_DATABASE_URL (CI's PostgreSQL step).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/tests/support/db";
import { syntheticEscoCsv } from "../support/synthetic-esco";
import { openDb } from "@/db/client";
import type { Db } from "@/db/client";
import { credentialSkills, jobSkills, jobs, users } from "@/db/schema";
import { commands } from "@/cli/registry";
import { customSkillKey } from "@/lib/skills";
import { parseSkillsFile } from "@/lib/skills/importers";
import { createFetcher } from "@/lib/net/fetcher";
import { getSkillIndex, invalidateSkillIndex, searchSkills } from "@/server/skills/skill-index";
import { seedSkillsLibrary } from "@/server/seed/skills";
import type { WalletContext } from "@/server/wallet/types";
import { stageManual } from "@/server/wallet/staging";
import { saveStaged } from "@/server/wallet/saving";
import { skillsFromForm } from "@/server/wallet/skills";
import { searchJobs } from "@/server/jobs/search";
import { getJobDetail } from "@/server/jobs/detail";

const PG = process.env.TEST_DATABASE_URL;
let dir: string;
let t: TestDb | undefined;
const saved = { SASH_DATA_DIR: process.env.SASH_DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };

/** Runs one CLI command in this process and returns its exit code and its one JSON object. */
async function sash(...args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  const [name, ...rest] = args;
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const code = await commands[name].run(rest);
    return { code, json: JSON.parse(out.join("").trim()) as Record<string, unknown> };
  } finally {
    spy.mockRestore();
  }
}

/** The test's own connection, between CLI runs (the embedded database allows one process, one handle at a time). */
async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  invalidateSkillIndex();
  if (t) return fn(t.db);
  const h = await openDb({ dataDir: path.join(dir, "data") });
  try {
    return await fn(h.db);
  } finally {
    await h.close();
  }
}

const ESCO_ROWS = 60;
let A: { id: string; label: string }; // picked in the wallet after the import
let B: { id: string; label: string }; // typed as a custom skill before the import

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "sash-vocabulary-"));
  if (PG) {
    t = await createTestDb();
    process.env.DATABASE_URL = t.url;
  } else {
    process.env.SASH_DATA_DIR = path.join(dir, "data");
    delete process.env.DATABASE_URL;
  }
  const csv = syntheticEscoCsv(ESCO_ROWS);
  writeFileSync(path.join(dir, "esco.csv"), csv);
  const rows: Array<{ id: string; label: string }> = [];
  for await (const s of parseSkillsFile("esco", [csv], "esco.csv"))
    if (!("skipped" in s)) rows.push({ id: `esco:${s.sourceUri}`, label: s.label });
  [A, B] = [rows[21], rows[47]];
  const posting = (id: string, title: string, skills: string[]) => ({
    "@type": "JobPosting",
    identifier: id,
    title,
    hiringOrganization: { name: "Vocabulary Works" },
    datePosted: "2026-11-01",
    skills,
  });
  writeFileSync(
    path.join(dir, "before.jsonld"),
    JSON.stringify({
      "@context": "https://schema.org",
      "@graph": [posting("voc-before", "Before Import Role", [B.label, "Python"])],
    }),
  );
  writeFileSync(
    path.join(dir, "after.jsonld"),
    JSON.stringify({
      "@context": "https://schema.org",
      "@graph": [posting("voc-after", "After Import Role", [A.label, "Python"])],
    }),
  );
});
afterAll(async () => {
  await t?.close();
  process.env.SASH_DATA_DIR = saved.SASH_DATA_DIR;
  if (saved.DATABASE_URL) process.env.DATABASE_URL = saved.DATABASE_URL;
  else delete process.env.DATABASE_URL;
  rmSync(dir, { recursive: true, force: true });
});

const keysOf = async (db: Db, credentialId: string) =>
  (await db.select().from(credentialSkills).where(eq(credentialSkills.credentialId, credentialId))).map((r) => ({
    name: r.name,
    skillKey: r.skillKey,
    skillId: r.skillId,
  }));

describe(`one skill vocabulary: ESCO import → wallet pick → fit (${PG ? "postgres" : "pglite"})`, () => {
  let ctx: Omit<WalletContext, "db">;
  let typedBefore = "";

  it("before the import: the ESCO skill is unknown, typed text stays a custom skill, a posting keeps it custom", async () => {
    expect((await sash("migrate")).code).toBe(0);
    await withDb(async (db) => {
      await seedSkillsLibrary(db);
      const [u] = await db.insert(users).values({ name: "Grace", email: "grace@example.org" }).returning();
      ctx = { user: { id: u.id, email: u.email }, fetcher: createFetcher() };
      const draft = await stageManual({ ...ctx, db });
      const index = await getSkillIndex(db);
      expect(index.skills.has(B.id)).toBe(false);
      const saved = await saveStaged({ ...ctx, db }, draft.uploadId, {
        title: "Kiln log",
        description: "",
        skills: skillsFromForm([B.label], index),
      });
      typedBefore = saved.id;
      expect(await keysOf(db, saved.id)).toEqual([{ name: B.label, skillKey: customSkillKey(B.label), skillId: null }]);
    });
    expect(await sash("import-jobs", path.join(dir, "before.jsonld"))).toMatchObject({
      code: 0,
      json: { inserted: 1 },
    });
    await withDb(async (db) => {
      const keys = (await db.select({ key: jobSkills.skillKey }).from(jobSkills)).map((r) => r.key).sort();
      expect(keys).toEqual([customSkillKey(B.label), "python"]);
    });
  });

  it("imports ESCO and re-links the custom skills saved before (wallet and posting), idempotently", async () => {
    const first = await sash("import-skills", "--format", "esco", path.join(dir, "esco.csv"));
    expect(first).toEqual({
      code: 0,
      json: {
        ok: true,
        inserted: ESCO_ROWS,
        updated: 0,
        skipped: 0,
        relinked: { skills: 1, credentialSkills: 1, jobSkills: 1, courseSkills: 0, pathwaySkills: 0 },
      },
    });
    await withDb(async (db) => {
      expect(await keysOf(db, typedBefore)).toEqual([{ name: B.label, skillKey: B.id, skillId: B.id }]);
      const keys = (await db.select({ key: jobSkills.skillKey }).from(jobSkills)).map((r) => r.key).sort();
      expect(keys).toEqual([B.id, "python"].sort());
    });
    // Again: nothing left to re-link.
    expect(await sash("relink-skills")).toEqual({
      code: 0,
      json: { ok: true, skills: 0, credentialSkills: 0, jobSkills: 0, courseSkills: 0, pathwaySkills: 0 },
    });
  });

  it("the picker finds the ESCO-only skill, the wallet stores its id, and fit on a posting requiring it is 50 %", async () => {
    expect(await sash("import-jobs", path.join(dir, "after.jsonld"))).toMatchObject({ code: 0, json: { inserted: 1 } });
    const credentialId = await withDb(async (db) => {
      // What the picker's type-ahead offers for the first words typed (GET /api/skills).
      const hits = await searchSkills(db, A.label.split(" ").slice(0, 3).join(" "), 25);
      const hit = hits.find((h) => h.id === A.id);
      expect(hit).toMatchObject({ label: A.label, source: "esco" });
      // What the chip's hidden input posts, through the wallet service.
      const posted = [JSON.stringify({ id: hit!.id, label: hit!.label })];
      const draft = await stageManual({ ...ctx, db });
      const saved = await saveStaged({ ...ctx, db }, draft.uploadId, {
        title: "Furnace course",
        description: "",
        skills: skillsFromForm(posted, await getSkillIndex(db)),
      });
      expect(await keysOf(db, saved.id)).toEqual([{ name: A.label, skillKey: A.id, skillId: A.id }]);

      // The learner's own fit, as /jobs and /jobs/[id] compute it.
      const found = await searchJobs(db, { userId: ctx.user.id, query: "after import role" });
      const job = found.results.find((r) => r.title === "After Import Role")!;
      expect(job).toMatchObject({ fit: 50, matchedCount: 1, requiredCount: 2 });
      const detail = await getJobDetail(db, job.jobId, { userId: ctx.user.id });
      expect(detail).toMatchObject({ fit: 50 });
      expect(detail!.matched.map((s) => s.key)).toEqual([A.id]);
      // The skill typed before the import counts too, now that it is re-linked.
      const before = (await searchJobs(db, { userId: ctx.user.id, query: "before import role" })).results[0];
      expect(before).toMatchObject({ title: "Before Import Role", fit: 50 });
      const [row] = await db.select({ d: jobs.fitDenominator }).from(jobs).where(eq(jobs.id, job.jobId));
      expect(row.d).toBe(2);
      return saved.id;
    });
    expect(credentialId).toBeTruthy();

    // Through the CLI: the ESCO label typed as free text resolves to the same skill.
    const fit = await sash("fit", "--skills", A.label, "--query", "after import role");
    expect(fit.code).toBe(0);
    expect(fit.json.results).toEqual([
      expect.objectContaining({ title: "After Import Role", fit: 50, matched: [A.label], missing: ["Python"] }),
    ]);
  });

  it("trusts a posted id only when the database holds it", async () => {
    await withDb(async (db) => {
      const index = await getSkillIndex(db);
      expect(
        skillsFromForm(
          [
            JSON.stringify({ id: "esco:00000000-0000-4000-8000-000000000000", label: A.label }),
            JSON.stringify({ id: "esco:00000000-0000-4000-8000-000000000001", label: "Quibble tuning" }),
          ],
          index,
        ),
      ).toEqual([
        { name: A.label, skillKey: A.id, skillId: A.id },
        { name: "Quibble tuning", skillKey: "custom:quibble tuning", skillId: null },
      ]);
    });
  });
});
