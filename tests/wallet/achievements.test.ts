// Issue #13 item 3 on a real database: an import stores the achievement type and
// details; a credential stored the old way (no details, a record without the new
// fields) gets them from the start-up backfill, offline and idempotently.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { haveRealFixtures, realFixture } from "../support/fixtures";
import { credentials, users } from "@/db/schema";
import { getCredential } from "@/db/queries/credentials";
import { insertCredential } from "@/server/wallet/credentials";
import type { WalletContext } from "@/server/wallet/types";
import { stageText } from "@/server/wallet/ingest";
import { verifyStaged } from "@/server/wallet/verification";
import { saveStaged } from "@/server/wallet/saving";
import { backfillAchievementDetails, detailsOf } from "@/server/wallet/achievements";
import { importPayload } from "@/lib/badges";
import { readAchievementDetails, resultText, DETAILS_VERSION } from "@/lib/badges/achievement";
import type { ParsedCredential } from "@/lib/badges/types";

const COMPLETE = "json/1edtech-dcpv_ob30-complete_di.json";
const RESULTS = "json/educredentials_ob3-unsigned_uvh-microcredential-results-alignments.json";
const present = haveRealFixtures(COMPLETE, RESULTS);
const read = (rel: string) => fs.readFileSync(realFixture(rel), "utf8");

let t: TestDb;
let ctx: WalletContext;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  const [u] = await t.db.insert(users).values({ name: "Ada", email: "ada@example.org", passwordHash: "x" }).returning();
  ctx = { db: t.db, user: { id: u!.id, email: u!.email } };
});

/** The record as Sash stored it before issue #13: none of the new fields, evidence without genre/audience. */
function oldWay(record: ParsedCredential): ParsedCredential {
  const { achievementType: _a, results: _r, endorsements: _e, ...rest } = record;
  return { ...rest, evidence: rest.evidence.map(({ genre: _g, audience: _au, ...e }) => e) };
}

async function storeOldWay(text: string): Promise<string> {
  const record = oldWay(await importPayload(text));
  const { id } = await insertCredential(t.db, ctx.user.id, {
    origin: "paste",
    spec: record.spec,
    externalId: record.id,
    title: record.title ?? "Untitled",
    description: record.description ?? "",
    criteriaNarrative: null,
    criteriaUrl: null,
    issuerName: record.issuer.name,
    issuerUrl: record.issuer.url,
    issuerImage: null,
    imageUrl: null,
    issuedOn: null,
    expires: null,
    record,
    raw: record.raw,
    verification: null,
    file: null,
    skills: [],
  });
  return id;
}

describe.skipIf(!present)(`achievement details (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("an import stores the achievement type, results, evidence and endorsements", async () => {
    const staged = await stageText(ctx, read(COMPLETE));
    if (staged.kind !== "draft") throw new Error("expected a draft");
    // The add form's "From the badge" box shows them in words too.
    expect(staged.draft.details!.achievementType).toBe("Degree");
    expect(staged.draft.details!.results![0]).toBe("Final Project Grade: A");
    await verifyStaged(ctx, staged.draft.uploadId);
    const { id } = await saveStaged(ctx, staged.draft.uploadId, {
      title: "My degree",
      description: "",
      skills: [],
    });
    const c = await getCredential(t.db, ctx.user.id, id);
    expect(c!.achievementType).toBe("Degree");
    const d = readAchievementDetails(c!.details)!;
    expect(d.v).toBe(DETAILS_VERSION);
    expect(d.results.map(resultText)).toEqual([
      "Final Project Grade: A",
      "Final Project Grade: Mastery",
      "Final Project Grade: Completed",
    ]);
    expect(d.evidence.map((e) => e.name)).toEqual(["Final Project Report", "Final Project Code"]);
    expect(d.endorsements).toHaveLength(3);
    expect(d.endorsements[0]).not.toHaveProperty("document");
    // The stored report lists each endorsement's outcome beside the credential's own checks.
    expect(c!.verification!.endorsements).toHaveLength(3);
  });

  it("backfills a credential stored the old way from its stored record, offline; a second run changes nothing", async () => {
    const id = await storeOldWay(read(RESULTS));
    const degreeId = await storeOldWay(read(COMPLETE));
    const before = await getCredential(t.db, ctx.user.id, id);
    expect(before!.details).toBeNull();
    expect(before!.achievementType).toBeNull();
    expect(before!.record!.results).toBeUndefined();

    const first = await backfillAchievementDetails(t.db, { batch: 1 });
    expect(first).toEqual({ seen: 2, filled: 2 });

    const after = await getCredential(t.db, ctx.user.id, id);
    const d = readAchievementDetails(after!.details)!;
    expect(d.results.map(resultText)).toEqual(["Final Project Grade: 8.5 on a scale of 1–10"]);
    expect(after!.record!.results).toEqual(d.results);
    const degree = await getCredential(t.db, ctx.user.id, degreeId);
    expect(degree!.achievementType).toBe("Degree");
    expect(readAchievementDetails(degree!.details)!.endorsements.map((e) => e.comment)).toEqual([
      "1EdTech University is in good standing",
      "1EdTech University is in good standing",
      "1EdTech University is in good standing",
    ]);
    // Complete evidence (genre) after the backfill; the re-check can now see the endorsements.
    expect(degree!.record!.evidence[0]).toMatchObject({ name: "Final Project Report", genre: "Research" });
    expect(degree!.record!.endorsements).toHaveLength(3);

    const second = await backfillAchievementDetails(t.db);
    expect(second).toEqual({ seen: 0, filled: 0 });
  });

  it("an older details version is filled again; manual entries (no badge data) are left alone", async () => {
    const id = await storeOldWay(read(RESULTS));
    await t.db
      .update(credentials)
      .set({ details: { v: 0, achievementType: null, results: [], evidence: [], endorsements: [] } })
      .where(eq(credentials.id, id));
    await insertCredential(t.db, ctx.user.id, {
      origin: "manual",
      spec: null,
      externalId: null,
      title: "Typed by hand",
      description: "",
      criteriaNarrative: null,
      criteriaUrl: null,
      issuerName: null,
      issuerUrl: null,
      issuerImage: null,
      imageUrl: null,
      issuedOn: null,
      expires: null,
      record: null,
      raw: null,
      verification: null,
      file: null,
      skills: [],
    });
    expect(await backfillAchievementDetails(t.db)).toEqual({ seen: 1, filled: 1 });
    const c = await getCredential(t.db, ctx.user.id, id);
    expect(readAchievementDetails(c!.details)!.results).toHaveLength(1);
  });

  it("the pages' reader makes details from a stored record that has none yet", async () => {
    const id = await storeOldWay(read(RESULTS));
    const c = await getCredential(t.db, ctx.user.id, id);
    expect(detailsOf(c!)!.results.map(resultText)).toEqual(["Final Project Grade: 8.5 on a scale of 1–10"]);
  });
});
