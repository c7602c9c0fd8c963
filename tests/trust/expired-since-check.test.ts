// Issue #19 item 2, on a real database: a credential whose expiry date passed
// after its last check (stored result still `valid`, no re-check since) is no
// longer Verified on its wallet card and no longer counts toward Verified fit
// (the job search, `sash fit --verified-only`, the job page), while one that still
// holds does. Before, the card and Verified fit read only the stored result.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../support/db";
import { credentialSkills, credentials, users } from "@/db/schema";
import { getCredential, listWalletCredentials } from "@/db/queries/credentials";
import { upsertJobPostings } from "@/server/jobs/catalogue";
import { getJobDetail } from "@/server/jobs/detail";
import { learnerSkills, searchJobs } from "@/server/jobs/search";
import { resolveSkill } from "@/lib/fit";
import { presentTrust, statusWords } from "@/lib/trust/present";
import { withStatus } from "@/lib/trust/status";
import type { VerificationReport } from "@/lib/badges/verify/types";

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

/** What the last check stored: every check passed, the expiry date still ahead then. */
const checkedValid = (expiryMessage: string): VerificationReport => ({
  result: "valid",
  checkedAt: "2024-01-10T09:00:00Z",
  checks: [
    { id: "signature", status: "pass", message: "Signed by the issuer." },
    { id: "recipient", status: "pass", message: "Issued to a verified address." },
    { id: "expiry", status: "pass", message: expiryMessage },
    { id: "revocation", status: "pass", message: "Not revoked." },
    { id: "issuer", status: "pass", message: "The key is the issuer's." },
  ],
});

async function learner() {
  const [u] = await t.db.insert(users).values({ name: "Ada", email: "ada@example.org" }).returning();
  const add = async (title: string, skill: string, expires: Date, createdAt: Date) => {
    const verification = checkedValid(`Valid until ${expires.toISOString().slice(0, 10)}.`);
    const [c] = await t.db
      .insert(credentials)
      .values({
        userId: u!.id,
        origin: "upload",
        spec: "ob3",
        title,
        issuerName: "Example University",
        expires,
        record: { skills: [skill] },
        verification,
        verificationResult: "valid",
        verifiedAt: new Date(verification.checkedAt),
        shareSlug: `s-${title.replace(/\W/g, "")}`,
        createdAt,
      })
      .returning();
    await t.db.insert(credentialSkills).values({
      credentialId: c!.id,
      userId: u!.id,
      position: 0,
      name: skill,
      skillId: null,
      skillKey: resolveSkill(skill).key,
    });
    return c!.id;
  };
  // Expired on 1 June 2024, after its last check; re-checks never ran since.
  const expired = await add("SQL badge", "SQL", new Date("2024-06-01T00:00:00Z"), new Date("2024-01-01Z"));
  // Still holds for decades.
  const holding = await add("Python badge", "Python", new Date("2999-01-01T00:00:00Z"), new Date("2024-01-02Z"));
  return { userId: u!.id, expired, holding };
}

describe("a credential whose expiry passed after its last check", () => {
  it("its wallet card does not say Verified; the one that still holds does", async () => {
    const w = await learner();
    // What the wallet page does with the rows (server/wallet/queries.ts walletOverview), at the time it reads.
    const now = new Date();
    const cards = (await listWalletCredentials(t.db, w.userId)).map((c) => withStatus(c, now));
    const card = (id: string) => cards.find((c) => c.id === id)!;
    expect(card(w.expired).verificationResult).toBe("valid"); // what the last check stored
    expect(card(w.expired).status).toMatchObject({ state: "failed", verified: false, reason: "EXPIRED" });
    expect(statusWords(card(w.expired).status).words).toBe("Failed: it expired on 1 June 2024.");
    expect(statusWords(card(w.holding).status).words).toBe("Verified");
    // The credential page reads the same stored columns and says the same.
    const c = (await getCredential(t.db, w.userId, w.expired))!;
    const page = presentTrust(c.verification, { issuerName: c.issuerName, issuedOn: c.issuedOn, expires: c.expires });
    expect(page.status).toMatchObject({ state: "failed", reason: "EXPIRED" });
    expect(page.summary).toBe("Not verified — Failed: it expired on 1 June 2024.");
  });

  it("is not counted toward Verified fit (search, --verified-only ranking, job page)", async () => {
    const w = await learner();
    await upsertJobPostings(t.db, [
      {
        source: "test",
        sourceKey: "sql",
        title: "Database clerk",
        employer: "Acme",
        location: "Leeds, UK",
        remote: false,
        description: "",
        postedAt: new Date("2026-09-01Z"),
        url: null,
        skills: [{ name: "SQL", required: true }],
      },
      {
        source: "test",
        sourceKey: "python",
        title: "Python developer",
        employer: "Acme",
        location: "Leeds, UK",
        remote: false,
        description: "",
        postedAt: new Date("2026-08-01Z"),
        url: null,
        skills: [{ name: "Python", required: true }],
      },
    ]);
    const sets = await learnerSkills(t.db, { userId: w.userId });
    expect(sets.all.sort()).toEqual([resolveSkill("Python").key, resolveSkill("SQL").key].sort());
    expect(sets.verified).toEqual([resolveSkill("Python").key]);

    const found = await searchJobs(t.db, { userId: w.userId, verifiedOnly: true });
    expect(found.results.map((r) => [r.title, r.fit, r.verifiedFit])).toEqual([
      ["Python developer", 100, 100],
      ["Database clerk", 100, 0],
    ]);
    expect(found.verifiedSkillCount).toBe(1);

    const sql = found.results.find((r) => r.title === "Database clerk")!;
    const d = (await getJobDetail(t.db, sql.jobId, { userId: w.userId }))!;
    expect([d.fit, d.verifiedFit]).toEqual([100, 0]);
    expect(d.matched.map((s) => [s.name, s.verified, s.evidence.map((e) => [e.title, e.status])])).toEqual([
      ["SQL", false, [["SQL badge", "self-asserted"]]],
    ]);
  });
});
