// The demo learner's wallet (issue #24): made through the learner's own import
// path (stage → save, the manual-entry form's service, the confirmation link's
// service) from data/demo/wallet.json, once: a second start adds nothing. Every
// demo credential says what it is, honestly: the signed ones from the demo
// issuers are Verified (known issuer · Sash demo issuers), the one issued to an
// address the learner hasn't confirmed is Not verified for that reason, the
// hand-typed one is self-asserted; and the wallet's skills give /jobs real,
// different Opportunity Fit and Verified fit numbers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../support/db";
import { DEMO_EMAIL, seed, seedIfEmpty } from "@/server/seed/seed";
import { findUserByEmail } from "@/db/queries/users";
import { listWalletCredentials } from "@/db/queries/credentials";
import { listLearnerRecords } from "@/db/queries/learner-records";
import { listVerifiedEmails } from "@/db/queries/emails";
import { getRecordShare } from "@/db/queries/portfolio";
import { storedStatus } from "@/lib/trust/status";
import { searchJobs } from "@/server/jobs/search";
import { seedDemoWallet } from "@/server/seed/demo-wallet";
import { DEMO_MANUAL_ENTRY } from "@/data/demo/demo";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { stageFile } from "@/server/wallet/ingest";
import { saveStagedImport } from "@/server/wallet/records";
import { appFetcher } from "@/server/net";

let t: TestDb;
let userId: string;
beforeAll(async () => {
  t = await createTestDb();
  await seed(t.db, { demo: true });
  userId = (await findUserByEmail(t.db, DEMO_EMAIL))!.id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const cards = async () => {
  const rows = await listWalletCredentials(t.db, userId);
  return rows.map((r) => ({ ...r, status: storedStatus(r) }));
};
const byTitle = async (title: string) => (await cards()).find((c) => c.title === title)!;

describe(`the demo wallet on ${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"}`, () => {
  it("holds every kind Sash handles, from the import path", async () => {
    const all = await cards();
    expect(all.map((c) => c.title).sort()).toEqual(
      [
        "Business Communication",
        "Data Analysis with SQL",
        "Python for Data Analysis",
        "Statistics for Analysts",
        "Version Control with Git",
        DEMO_MANUAL_ENTRY.title,
      ].sort(),
    );
    const records = await listLearnerRecords(t.db, userId);
    expect(records.map((r) => r.title)).toEqual(["Sash Demo College transcript"]);
    expect(await listVerifiedEmails(t.db, userId)).toEqual([DEMO_EMAIL]);
  });

  it("reads Verified for the demo issuers' signed credentials, under the demo registry's name", async () => {
    for (const title of ["Data Analysis with SQL", "Version Control with Git", "Statistics for Analysts"]) {
      const c = await byTitle(title);
      expect({ title, state: c.status.state }).toEqual({ title, state: "verified" });
      const issuer = (c.verification as { checks: Array<{ id: string; message: string }> }).checks.find(
        (k) => k.id === "issuer",
      );
      expect(issuer?.message).toContain("Known issuer · Sash demo issuers");
    }
  });

  it("reads Not verified, for an honest reason, for the badge issued to an address the learner hasn't confirmed", async () => {
    const c = await byTitle("Python for Data Analysis");
    expect(c.status.state).toBe("not-verified");
    expect(c.status.reason).toBe("RECIPIENT_NOT_CONFIRMED");
    const manual = await byTitle(DEMO_MANUAL_ENTRY.title);
    expect(manual.hasFile).toBe(false);
    expect(manual.status.verified).toBe(false);
  });

  it("gives /jobs real, different Opportunity Fit and Verified fit numbers", async () => {
    const r = await searchJobs(t.db, { userId, sort: "fit", pageSize: 20 });
    const best = r.results[0]!;
    expect(best.fit).toBeGreaterThan(0);
    expect(r.learnerSkillCount).toBeGreaterThan(r.verifiedSkillCount);
    expect(r.verifiedSkillCount).toBeGreaterThan(0);
    expect(r.results.some((j) => j.fit > j.verifiedFit && j.verifiedFit > 0)).toBe(true);
    expect(r.results.some((j) => j.missing.length > 0)).toBe(true);
  });

  it("has its share links on", async () => {
    expect((await getRecordShare(t.db, userId))?.enabled).toBe(true);
  });

  it("adds nothing on a second start, or a third", async () => {
    const before = (await cards()).length;
    expect(await seedDemoWallet(t.db, { id: userId, email: DEMO_EMAIL })).toBeNull();
    expect(await seedIfEmpty(t.db, { demo: true })).toBeNull();
    await seed(t.db, { demo: true });
    expect((await cards()).length).toBe(before);
    expect(await listLearnerRecords(t.db, userId)).toHaveLength(1);
  });

  it("takes every file in samples/ through the upload path and reads each as samples/README.md says", async () => {
    const dir = path.resolve(import.meta.dirname, "../../samples");
    const rows = readFileSync(path.join(dir, "README.md"), "utf8")
      .split("\n")
      .map((line) => /^\|\s*`([^`]+)`\s*\|[^|]*\|([^|]*)\|([^|]*)\|\s*$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ file: m[1]!, shows: m[2]!.trim() }));
    expect(rows.map((r) => r.file).sort()).toEqual(
      readdirSync(dir)
        .filter((f) => f !== "README.md")
        .sort(),
    );
    const ctx = { db: t.db, user: { id: userId, email: DEMO_EMAIL }, fetcher: appFetcher() };
    for (const { file, shows } of rows) {
      const staged = await stageFile(ctx, new Uint8Array(readFileSync(path.join(dir, file))));
      expect({ file, kind: staged.kind }).toEqual({ file, kind: "draft" });
      if (staged.kind !== "draft") continue;
      const draft = staged.draft;
      if (shows.includes("holds no badge data")) {
        // The picture is kept and the form is the manual-entry one.
        expect({ file, mode: draft.mode, hasImage: draft.hasImage }).toEqual({ file, mode: "manual", hasImage: true });
        continue;
      }
      const saved = await saveStagedImport(ctx, draft.uploadId, {
        title: draft.title,
        description: draft.description,
        skills: draft.skills,
      });
      const expected = shows.startsWith("Verified") ? "verified" : shows.includes("Failed") ? "failed" : "not-verified";
      if (saved.kind === "record") {
        const record = (await listLearnerRecords(t.db, userId)).find((r) => r.id === saved.id)!;
        expect({ file, state: storedStatus(record).state }).toEqual({ file, state: expected });
        const nested = (await cards()).filter((c) => saved.credentials.some((n) => n.id === c.id));
        expect(nested.map((c) => c.status.state)).toEqual(["verified", "verified"]);
      } else {
        const card = (await cards()).find((c) => c.id === saved.id)!;
        expect({ file, state: card.status.state }).toEqual({ file, state: expected });
        if (expected === "failed") expect(card.status.reason).toBe("SIGNATURE_FAILED");
      }
    }
  });
});
