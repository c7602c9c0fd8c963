// Learner records (issue #13 §1) on a real database: a CLR 2.0 — the real
// complex 1EdTech one, and generated ones signed with fresh keys — becomes one
// record and each nested credential a credential of its own; duplicates,
// quotas, one transaction, delete with keep / delete, and learners kept apart.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, insertLearner, type TestDb } from "../support/db";
import { listenOn } from "../support/notify";
import { until } from "../support/wait";
import { haveRealFixtures, realFixture } from "../support/fixtures";
import { bakePng, noisePng } from "../support/wallet";
import { jwtClr, nestedAchievementId, clrAchievement, signedClr } from "../support/clr";
import { credentialFiles, credentials, credentialSkills, credentialUploads, learnerRecords } from "@/db/schema";
import { getCredential, listWalletCredentials, DuplicateCredentialError } from "@/db/queries/credentials";
import {
  deleteLearnerRecord,
  getLearnerRecord,
  getLearnerRecordFile,
  insertLearnerRecord,
  listLearnerRecords,
} from "@/db/queries/learner-records";
import { getSharedCredential } from "@/db/queries/share";
import { getUpload } from "@/db/queries/uploads";
import type { ImportDraft, StageResult, WalletContext } from "@/server/wallet/types";
import { WalletError } from "@/server/wallet/errors";
import { stageFile, stageText } from "@/server/wallet/ingest";
import { verifyStaged } from "@/server/wallet/verification";
import { removeLearnerRecord, saveStagedImport } from "@/server/wallet/records";
import { learnerCredentialSkills } from "@/server/jobs/detail";
import { SHARE_CHANNEL } from "@/server/share/invalidation";
import { learnerResult } from "@/lib/trust/result";

const COMPLEX = "json/clr/1edtech-dcpv_clr20-complex_ed25519sig2020.json";

let t: TestDb;
let ctx: WalletContext;
let other: WalletContext;

/** A learner. */
const learner = (name: string, email: string) => insertLearner(t, name, email);

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  ctx = await learner("Ada", "ada@example.org");
  other = await learner("Bo", "bo@example.org");
});

function draftOf(r: StageResult): ImportDraft {
  if (r.kind !== "draft") throw new Error(`expected a draft, got ${r.kind}`);
  return r.draft;
}

async function count(
  table: typeof credentials | typeof credentialFiles | typeof learnerRecords | typeof credentialUploads,
) {
  const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return Number(row!.n);
}

/** Stages and saves; returns the saved record's id. */
async function importRecord(c: WalletContext, stage: Promise<StageResult>, title?: string): Promise<string> {
  const draft = draftOf(await stage);
  expect(draft.learnerRecord).toBeDefined();
  const saved = await saveStagedImport(c, draft.uploadId, {
    title: title ?? draft.title,
    description: "",
    skills: [],
  });
  if (saved.kind !== "record") throw new Error("expected a learner record");
  return saved.id;
}

/** A generated CLR with three nested credentials, signed (eddsa-rdfc-2022) by fresh did:key issuers. */
async function generatedClr(opts: Parameters<typeof signedClr>[0] = {}) {
  return signedClr({
    count: 3,
    achievements: [clrAchievement("https://example.edu/achievements/program", "Data Program", "Certificate")],
    associations: [
      {
        associationType: "isChildOf",
        sourceId: nestedAchievementId(0),
        targetId: "https://example.edu/achievements/program",
      },
      {
        associationType: "isChildOf",
        sourceId: nestedAchievementId(1),
        targetId: "https://example.edu/achievements/program",
      },
      { associationType: "precedes", sourceId: nestedAchievementId(1), targetId: nestedAchievementId(0) },
    ],
    ...opts,
  });
}

/** The stored original of a record, byte for byte (the owner's download). */
async function recordFile(recordId: string): Promise<{ bytes: Buffer; mimeType: string } | null> {
  const f = await getLearnerRecordFile(t.db, ctx.user.id, recordId);
  return f ? { bytes: Buffer.from(f.bytes), mimeType: f.mimeType } : null;
}

describe.skipIf(!haveRealFixtures(COMPLEX))(
  `the real complex CLR 2.0 (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`,
  () => {
    it("becomes one record with six credentials of their own, each with its own raw payload, report and share link", async () => {
      const text = readFileSync(realFixture(COMPLEX), "utf8");
      const draft = draftOf(await stageText(ctx, text));
      expect(draft.learnerRecord?.credentials.map((c) => c.title)).toEqual([
        "Nurse Assistant 1 Program with Licensure",
        "Health Careers 1",
        "Human Anatomy and Physiology",
        "Intro to Health Careers",
        "Nurse Assisting 1",
        "Oregon State Board of Nursing - Certified Nursing Assistant",
      ]);
      const report = await verifyStaged(ctx, draft.uploadId);
      expect(report?.credentials).toHaveLength(6);
      const id = await importRecord(ctx, Promise.resolve({ kind: "draft", draft }));

      const rec = await getLearnerRecord(t.db, ctx.user.id, id);
      expect(rec?.title).toBe("Ellis Monday");
      expect(rec?.issuerName).toBe("Western High School, RSD");
      expect(rec?.issuedOn?.toISOString()).toBe("2022-12-05T21:39:07.000Z");
      expect(rec?.externalId).toBe("http://example.edu/credentials/3732");
      expect(rec?.origin).toBe("paste");
      expect(rec?.achievements.length).toBeGreaterThanOrEqual(6);
      expect(rec?.associations.map((a) => a.associationType)).toContain("isParentOf");
      expect(rec?.verification?.checkedAt).toBe(report?.checkedAt);
      expect(rec?.verification?.checks.find((c) => c.id === "signature")?.status).toBe("pass");
      expect(rec?.credentialCount).toBe(6);
      // The payload exactly as pasted (after trimming), kept on the record.
      const [raw] = await t.db.select({ raw: learnerRecords.raw }).from(learnerRecords);
      expect(raw!.raw).toBe(text.trim());
      // Pasted: its download is that payload, as JSON.
      const original = await recordFile(id);
      expect(original?.mimeType).toBe("application/json");
      expect(original?.bytes.toString("utf8")).toBe(text.trim());

      const nestedDocs = (JSON.parse(text) as { credentialSubject: { verifiableCredential: unknown[] } })
        .credentialSubject.verifiableCredential;
      const slugs = new Set<string>();
      for (const linked of rec!.credentials) {
        const c = await getCredential(t.db, ctx.user.id, linked.id);
        expect(c?.partOf).toEqual({ id, title: "Ellis Monday" });
        expect(c?.spec).toBe("ob3");
        // Its own payload: the nested credential's own JSON.
        expect(JSON.parse(c!.raw!)).toEqual(nestedDocs[linked.index!]);
        // Its own report: the record's line for it, checked against its own signature.
        expect(c?.verification?.checks.find((k) => k.id === "signature")?.status).toBe("pass");
        const line = report!.credentials![linked.index!]!;
        expect(c?.verification?.checks).toEqual(line.checks);
        expect(c?.verificationResult).toBe(learnerResult(line));
        slugs.add(c!.shareSlug);
        expect((await getSharedCredential(t.db, c!.shareSlug))?.title).toBe(c!.title);
      }
      expect(slugs.size).toBe(6);
      expect(await count(credentialUploads)).toBe(0);

      // Importing it again is a duplicate of the record, not a second copy.
      const again = await stageText(ctx, text);
      expect(again).toEqual({ kind: "duplicate", existing: { id, title: "Ellis Monday", kind: "record" } });
    });
  },
);

describe(`learner records (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("files a baked PNG CLR: the PNG kept byte for byte, nested credentials verified, skills counted for Opportunity Fit", async () => {
    const { clr } = await generatedClr();
    const png = bakePng(noisePng(16, 16, 7), JSON.stringify(clr), "openbadgecredential");
    const draft = draftOf(await stageFile(ctx, png));
    expect(draft.title).toBe("Sash Test College Transcript");
    expect(draft.skills).toEqual([]);
    expect(draft.learnerRecord).toEqual({
      credentials: [1, 2, 3].map((i) => ({ title: `Course ${i}`, issuerName: expect.anything() })),
      achievementCount: 4,
      withoutCredential: 1,
    });
    // The add form asks for the report while the learner reads (as the browser does).
    const report = await verifyStaged(ctx, draft.uploadId);
    expect(report?.credentials?.map((c) => c.title)).toEqual(["Course 1", "Course 2", "Course 3"]);
    const id = await importRecord(ctx, Promise.resolve({ kind: "draft", draft }), "My transcript");

    const rec = await getLearnerRecord(t.db, ctx.user.id, id);
    expect(rec?.title).toBe("My transcript");
    expect(rec?.issuerTitle).toBe("Sash Test College Transcript");
    expect(rec?.issuerName).toBe("Sash Test College");
    expect(rec?.verification?.checks.find((c) => c.id === "signature")?.status).toBe("pass");
    expect(rec?.achievements.find((a) => a.credentialIndex === null)?.title).toBe("Data Program");
    const file = await recordFile(id);
    expect(file?.mimeType).toBe("image/png");
    expect(file?.bytes.equals(png)).toBe(true);

    expect(rec!.credentials.map((c) => c.index)).toEqual([0, 1, 2]);
    for (const linked of rec!.credentials) {
      const c = await getCredential(t.db, ctx.user.id, linked.id);
      expect(c?.title).toBe(`Course ${linked.index! + 1}`);
      expect(c?.file).toBeNull();
      // Signed by its own did:key issuer: the signature passes and the key is bound, but a did:key
      // alone is key only (issue #20), so the issuer check is a warning (was "pass": the bug).
      expect(c?.verification?.checks.find((k) => k.id === "signature")?.status).toBe("pass");
      expect(c?.verification?.checks.find((k) => k.id === "issuer")?.status).toBe("warn");
      expect(c?.skills.map((s) => s.name)).toEqual([`Skill ${linked.index! + 1}`, "Teamwork"]);
    }
    // The nested credentials' skills are the learner's for Opportunity Fit.
    const held = await learnerCredentialSkills(t.db, ctx.user.id);
    expect(held).toHaveLength(3);
    expect(new Set(held.flatMap((h) => Object.values(h.skillNames)))).toEqual(
      new Set(["Skill 1", "Skill 2", "Skill 3", "Teamwork"]),
    );
    const cards = await listWalletCredentials(t.db, ctx.user.id);
    expect(cards.map((c) => c.partOf?.title)).toEqual(["My transcript", "My transcript", "My transcript"]);
    // The wallet's "Learner Records" card.
    expect(await listLearnerRecords(t.db, ctx.user.id)).toEqual([
      expect.objectContaining({ id, title: "My transcript", achievementCount: 4, credentialCount: 3 }),
    ]);

    // The same PNG again, or the same CLR pasted: the record is already held.
    expect(await stageFile(ctx, png)).toEqual({
      kind: "duplicate",
      existing: { id, title: "My transcript", kind: "record" },
    });
    expect((await stageText(ctx, JSON.stringify(clr))).kind).toBe("duplicate");
  });

  it("files a .jwt file (a VC-JWT CLR with nested VC-JWTs): the file kept, each nested JWT its own payload", async () => {
    const { jwt, nested } = await jwtClr(2);
    const bytes = new TextEncoder().encode(`${jwt}\n`);
    const id = await importRecord(ctx, stageFile(ctx, bytes));
    const file = await recordFile(id);
    expect(file?.mimeType).toBe("application/jwt");
    expect(Buffer.from(file!.bytes).equals(Buffer.from(bytes))).toBe(true);
    const rec = await getLearnerRecord(t.db, ctx.user.id, id);
    expect(rec?.origin).toBe("upload");
    const raws = await Promise.all(
      rec!.credentials.map(async (c) => (await getCredential(t.db, ctx.user.id, c.id))!.raw),
    );
    expect(raws).toEqual(nested);
  });

  it("refuses a broken or foreign text file with a coded, learner-facing error and stages nothing", async () => {
    const enc = (x: string) => new TextEncoder().encode(x);
    await expect(stageFile(ctx, enc('{"@context": ["https://www.w3.org/ns/credentials/v2"'))).rejects.toMatchObject({
      code: "INVALID_PAYLOAD",
    });
    await expect(stageFile(ctx, enc("Dear learner, here is your transcript."))).rejects.toMatchObject({
      code: "UNSUPPORTED_FILE",
    });
    // Not UTF-8 at all.
    await expect(stageFile(ctx, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).rejects.toMatchObject({
      code: "UNSUPPORTED_FILE",
    });
    expect(await count(credentialUploads)).toBe(0);
  });

  it("links a credential the learner already holds on its own instead of filing it twice; quotas count only new ones", async () => {
    const { clr, nested } = await generatedClr();
    const single = draftOf(await stageText(ctx, JSON.stringify(nested[1])));
    const alone = await saveStagedImport(ctx, single.uploadId, {
      title: "Course 2 (mine)",
      description: "",
      skills: [],
    });
    expect(alone.kind).toBe("credential");

    // Room for exactly the two new credentials.
    process.env.SASH_MAX_CREDENTIALS = "3";
    try {
      const id = await importRecord(ctx, stageText(ctx, JSON.stringify(clr)));
      const rec = await getLearnerRecord(t.db, ctx.user.id, id);
      expect(rec?.credentials.map((c) => c.index)).toEqual([0, 1, 2]);
      expect(rec?.credentials[1]?.id).toBe(alone.id);
      expect(await count(credentials)).toBe(3);
    } finally {
      delete process.env.SASH_MAX_CREDENTIALS;
    }
  });

  it("refuses a record whose credentials don't fit the quota, saving nothing", async () => {
    const { clr } = await generatedClr();
    const draft = draftOf(await stageText(ctx, JSON.stringify(clr)));
    process.env.SASH_MAX_CREDENTIALS = "2";
    try {
      const err = await saveStagedImport(ctx, draft.uploadId, { title: "T", description: "", skills: [] }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(WalletError);
      expect((err as WalletError).code).toBe("QUOTA_EXCEEDED");
      expect((err as WalletError).message).toContain("the most it can keep (2)");
    } finally {
      delete process.env.SASH_MAX_CREDENTIALS;
    }
    expect(await count(learnerRecords)).toBe(0);
    expect(await count(credentials)).toBe(0);
    // The staged copy is still there to try again.
    expect(await getUpload(t.db, ctx.user.id, draft.uploadId, new Date())).not.toBeNull();
  });

  it("writes nothing when the save fails after the record and its credentials were written", async () => {
    const { clr } = await generatedClr();
    const png = bakePng(noisePng(16, 16, 9), JSON.stringify(clr), "openbadgecredential");
    const draft = draftOf(await stageFile(ctx, png));
    const up = await getUpload(t.db, ctx.user.id, draft.uploadId, new Date());
    const record = up!.record!;
    let reached = 0;
    const failing = insertLearnerRecord(
      t.db,
      ctx.user.id,
      {
        origin: "upload",
        spec: "clr2",
        externalId: record.id,
        title: "T",
        description: "",
        issuerTitle: null,
        issuerName: null,
        issuerUrl: null,
        issuerImage: null,
        imageUrl: null,
        issuedOn: null,
        expires: null,
        raw: record.raw,
        record,
        achievements: record.clr!.achievements,
        associations: record.clr!.associations,
        verification: null,
        file: { fromUploadId: up!.id, sha256: up!.sha256!, mimeType: up!.mimeType! },
        credentials: record.credentials!.map((n, i) => ({
          spec: n.spec,
          externalId: n.id,
          title: n.title ?? "x",
          description: "",
          criteriaNarrative: null,
          criteriaUrl: null,
          issuerName: null,
          issuerUrl: null,
          issuerImage: null,
          imageUrl: null,
          issuedOn: null,
          expires: null,
          origin: "upload",
          record: n,
          raw: n.raw,
          verification: null,
          skills: [{ name: "SQL", skillKey: "custom:sql", skillId: null }],
          shareSlug: `slug-${i}-${Date.now()}`,
        })),
      },
      async (tx) => {
        // Everything is written by now, inside the transaction.
        const [n] = await tx.select({ n: sql<number>`count(*)::int` }).from(credentials);
        reached = Number(n!.n);
        throw new Error("disk full");
      },
    );
    await expect(failing).rejects.toThrow("disk full");
    expect(reached).toBe(3);
    expect(await count(learnerRecords)).toBe(0);
    expect(await count(credentials)).toBe(0);
    expect(await count(credentialFiles)).toBe(0);
    const [skills] = await t.db.select({ n: sql<number>`count(*)::int` }).from(credentialSkills);
    expect(Number(skills!.n)).toBe(0);
  });

  it("delete keeping the credentials: the record and its file go, the credentials stay with their links", async () => {
    const { clr } = await generatedClr();
    const png = bakePng(noisePng(16, 16, 3), JSON.stringify(clr), "openbadgecredential");
    const id = await importRecord(ctx, stageFile(ctx, png));
    const before = await listWalletCredentials(t.db, ctx.user.id);

    const res = await removeLearnerRecord(ctx, id, "keep");
    expect(res?.deletedShareSlugs).toEqual([]);
    expect(new Set(res?.credentialIds)).toEqual(new Set(before.map((c) => c.id)));
    expect(await getLearnerRecord(t.db, ctx.user.id, id)).toBeNull();
    expect(await count(credentialFiles)).toBe(0);
    const after = await listWalletCredentials(t.db, ctx.user.id);
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id));
    expect(after.every((c) => c.partOf === null)).toBe(true);
    for (const c of after) {
      const d = await getCredential(t.db, ctx.user.id, c.id);
      expect(await getSharedCredential(t.db, d!.shareSlug)).not.toBeNull();
    }
  });

  it("delete with the credentials: all of them and their share links are gone at once (NOTIFY from the transaction)", async () => {
    const { clr } = await generatedClr();
    const id = await importRecord(ctx, stageText(ctx, JSON.stringify(clr)));
    const slugs: string[] = [];
    for (const c of await listWalletCredentials(t.db, ctx.user.id))
      slugs.push((await getCredential(t.db, ctx.user.id, c.id))!.shareSlug);

    const sub = await listenOn(t, SHARE_CHANNEL);
    try {
      const res = await removeLearnerRecord(ctx, id, "delete");
      expect(new Set(res?.deletedShareSlugs)).toEqual(new Set(slugs));
      await until(() => slugs.every((s) => sub.seen.includes(s)));
    } finally {
      await sub.stop();
    }
    for (const s of slugs) expect(await getSharedCredential(t.db, s)).toBeNull();
    expect(await count(credentials)).toBe(0);
    expect(await count(learnerRecords)).toBe(0);
    expect(await removeLearnerRecord(ctx, id, "delete")).toBeNull();
  });

  it("another learner can neither read nor delete the record or its credentials", async () => {
    const { clr } = await generatedClr();
    const id = await importRecord(ctx, stageText(ctx, JSON.stringify(clr)));
    const rec = await getLearnerRecord(t.db, ctx.user.id, id);
    expect(await getLearnerRecord(t.db, other.user.id, id)).toBeNull();
    expect(await getLearnerRecordFile(t.db, other.user.id, id)).toBeNull();
    expect(await getCredential(t.db, other.user.id, rec!.credentials[0]!.id)).toBeNull();
    expect(await removeLearnerRecord(other, id, "delete")).toBeNull();
    expect(await deleteLearnerRecord(t.db, other.user.id, id, { keepCredentials: true })).toBeNull();
    expect((await getLearnerRecord(t.db, ctx.user.id, id))?.credentialCount).toBe(3);
    // Not a duplicate for someone else: Bo files his own copy.
    const bos = await importRecord(other, stageText(other, JSON.stringify(clr)));
    expect(bos).not.toBe(id);
    expect(await count(credentials)).toBe(6);
  });

  it("reports a concurrent second save of one record as a duplicate", async () => {
    const { clr } = await generatedClr();
    const a = draftOf(await stageText(ctx, JSON.stringify(clr)));
    const b = draftOf(await stageText(ctx, JSON.stringify(clr)));
    const results = await Promise.allSettled([
      saveStagedImport(ctx, a.uploadId, { title: "A", description: "", skills: [] }),
      saveStagedImport(ctx, b.uploadId, { title: "B", description: "", skills: [] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(DuplicateCredentialError);
    expect(await count(learnerRecords)).toBe(1);
    expect(await count(credentials)).toBe(3);
  });
});
