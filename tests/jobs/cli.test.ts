// The import-jobs and fit commands as a deployer runs them: a real process on its own data folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastJson, runSash } from "../support/cli";
import { openDb } from "@/db/client";
import { credentialSkills, credentials, users } from "@/db/schema";
import { resolveSkill } from "@/lib/fit";

let dir: string;

async function sash(...args: string[]) {
  return lastJson((await runSash(args, { dataDir: path.join(dir, "data") })).stdout);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-jobs-cli-"));
  fs.writeFileSync(
    path.join(dir, "jobs.jsonld"),
    JSON.stringify({
      "@context": "https://schema.org",
      "@graph": [
        {
          "@type": "JobPosting",
          title: "Data Analyst",
          identifier: "da-1",
          hiringOrganization: { name: "Lumen" },
          datePosted: "2026-10-01",
          skills: ["SQL", "MS Excel", "Statistics"],
        },
        {
          "@type": "JobPosting",
          title: "Line Cook",
          identifier: "lc-1",
          datePosted: "2026-11-01",
          skills: "Food safety, Knife skills",
        },
        { "@type": "JobPosting", identifier: "bad-1" },
      ],
    }),
  );
  fs.writeFileSync(
    path.join(dir, "jobs.csv"),
    'identifier,title,employer,required_skills\ncsv-1,"Warehouse Associate, Days",Midstate,"Forklift operation; Order picking"\n,No key,,\n',
  );
  fs.writeFileSync(path.join(dir, "broken.json"), '[{"@type": "JobPosting",');
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("sash import-jobs and sash fit", () => {
  it("imports JSON-LD, reports bad records, and is idempotent on re-import", async () => {
    const first = await sash("import-jobs", path.join(dir, "jobs.jsonld"));
    expect(first).toMatchObject({ ok: true, inserted: 2, updated: 0, skipped: 1 });
    expect(first.errors[0]).toMatchObject({ record: 3 });
    const again = await sash("import-jobs", path.join(dir, "jobs.jsonld"));
    expect(again).toMatchObject({ ok: true, inserted: 0, updated: 2, skipped: 1 });

    const csv = await sash("import-jobs", path.join(dir, "jobs.csv"), "--source", "board");
    expect(csv).toMatchObject({ ok: true, inserted: 1, updated: 0, skipped: 1 });

    const broken = await sash("import-jobs", path.join(dir, "broken.json"));
    expect(broken).toMatchObject({ ok: false, error: { code: "INVALID_FILE" } });

    const fit = await sash("fit", "--skills", "Microsoft Excel, sql", "--limit", "2");
    expect(fit.ok).toBe(true);
    expect(fit.results).toHaveLength(2);
    expect(fit.results[0]).toMatchObject({
      title: "Data Analyst",
      employer: "Lumen",
      fit: 67,
      missing: ["Statistics"],
    });
    expect(fit.results[0].matched).toHaveLength(2);
    expect(fit.results[0].matched).toContain("SQL");
    expect(fit.results[1].fit).toBe(0);

    const withQuery = await sash("fit", "--skills", "food safety", "--query", "cook");
    expect(withQuery.results.map((r: { title: string; fit: number }) => [r.title, r.fit])).toEqual([["Line Cook", 50]]);

    expect(await sash("fit", "--limit", "0")).toMatchObject({ ok: false, error: { code: "USAGE" } });
  }, 180_000);

  it("fit --learner reads a wallet; --verified-only ranks by the skills a verified badge names", async () => {
    // A learner with a verified SQL badge and an unverified Excel one, written while no command runs.
    const h = await openDb({ dataDir: path.join(dir, "data") });
    try {
      const [u] = await h.db.insert(users).values({ name: "Ada", email: "ada-cli@example.org" }).returning();
      for (const [title, result, name] of [
        ["SQL badge", "valid", "SQL"],
        ["Excel badge", "indeterminate", "MS Excel"],
      ] as const) {
        const [c] = await h.db
          .insert(credentials)
          .values({
            userId: u.id,
            origin: "upload",
            title,
            shareSlug: `cli-${title}`,
            verificationResult: result,
            record: { skills: [name] },
          })
          .returning();
        const r = resolveSkill(name);
        await h.db
          .insert(credentialSkills)
          .values({ credentialId: c.id, userId: u.id, position: 0, name, skillId: null, skillKey: r.key });
      }
    } finally {
      await h.close();
    }
    const all = await sash("fit", "--learner", "ADA-cli@example.org", "--query", "analyst");
    expect(all).toMatchObject({ ok: true, verifiedOnly: false });
    expect(all.results[0]).toMatchObject({ title: "Data Analyst", fit: 67, verifiedFit: 33 });
    const verified = await sash("fit", "--learner", "ada-cli@example.org", "--verified-only", "--query", "analyst");
    expect(verified).toMatchObject({ ok: true, verifiedOnly: true });
    expect(verified.results[0]).toMatchObject({ title: "Data Analyst", fit: 67, verifiedFit: 33 });
    expect(await sash("fit", "--learner", "nobody@example.org")).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    // Typed skills are self-asserted: --verified-only needs a wallet.
    expect(await sash("fit", "--skills", "SQL", "--verified-only")).toMatchObject({
      ok: false,
      error: { code: "USAGE" },
    });
  }, 180_000);
});
