// The import service end to end on a real database: unbake → stage → save,
// duplicates, manual entry, errors, expiry and transactionality.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { credentialFiles, credentials, credentialSkills, credentialUploads, users } from "@/db/schema";
import {
  getCredential,
  getCredentialFile,
  listWalletCredentials,
  DuplicateCredentialError,
} from "@/db/queries/credentials";
import { insertCredential } from "@/server/wallet/credentials";
import type { ImportDraft, StageResult, WalletContext } from "@/server/wallet/types";
import { WalletError } from "@/server/wallet/errors";
import { stageManual } from "@/server/wallet/staging";
import { stageFile, stageText } from "@/server/wallet/ingest";
import { reverifyCredential, verifyStaged } from "@/server/wallet/verification";
import { saveStaged } from "@/server/wallet/saving";
import { skillsFromForm } from "@/server/wallet/skills";
import { STAGING_TTL_MS } from "@/lib/wallet/rules";
import { SashError } from "@/lib/badges/errors";
import { bakedOb2, noisePng, ob2Assertion } from "../support/wallet";

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

function draftOf(r: StageResult): ImportDraft {
  if (r.kind !== "draft") throw new Error(`expected a draft, got ${r.kind}`);
  return r.draft;
}

async function count(
  table: typeof credentials | typeof credentialFiles | typeof credentialSkills | typeof credentialUploads,
) {
  const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return Number(row!.n);
}

describe(`import service (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("pre-fills the form from a baked PNG and saves it with its original bytes", async () => {
    const png = bakedOb2({ title: "Data Basics", skills: ["MS Excel", "Zorblax wrangling"] });
    const draft = draftOf(await stageFile(ctx, png));
    expect(draft.mode).toBe("badge");
    expect(draft.title).toBe("Data Basics");
    expect(draft.description).toBe("Cleaned and charted a real dataset.");
    expect(draft.details?.issuerName).toBe("Example Community College");
    expect(draft.details?.issuedOn).toBe("2025-03-14T09:00:00.000Z");
    expect(draft.details?.expires).toBe("2035-03-14T09:00:00.000Z");
    expect(draft.details?.criteriaNarrative).toContain("capstone");
    // Each chip matched to the skills library, or marked custom.
    expect(draft.skills.map((s) => s.skillKey)).toEqual(["microsoft-excel", "custom:zorblax wrangling"]);
    expect(draft.skills.map((s) => s.skillId)).toEqual(["microsoft-excel", null]);
    expect(draft.verification).toBeNull();

    // The follow-up verification request, offline: the hosted check can't pass, so not "valid".
    const report = await verifyStaged(ctx, draft.uploadId);
    expect(report?.checks.length).toBeGreaterThan(0);
    expect(report?.result).not.toBe("valid");
    // The report is kept with the staged upload: asking again doesn't re-run the checks.
    expect((await verifyStaged(ctx, draft.uploadId))?.checkedAt).toBe(report?.checkedAt);

    const saved = await saveStaged(ctx, draft.uploadId, {
      title: "  Data Basics (edited)  ",
      description: "My note",
      skills: draft.skills,
    });
    const c = await getCredential(t.db, ctx.user.id, saved.id);
    expect(c?.title).toBe("Data Basics (edited)");
    expect(c?.description).toBe("My note");
    expect(c?.section).toBe("imported");
    expect(c?.origin).toBe("upload");
    expect(c?.spec).toBe("ob2");
    expect(c?.externalId).toBe("https://badges.example.org/assertions/1001");
    expect(c?.issuerName).toBe("Example Community College");
    expect(c?.issuedOn?.toISOString()).toBe("2025-03-14T09:00:00.000Z");
    expect(c?.verification?.checkedAt).toBe(report?.checkedAt);
    expect(c?.verificationResult).toBe(report?.result);
    expect(c?.shareSlug).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(c?.skills.map((s) => s.name)).toEqual(["Microsoft Excel", "Zorblax wrangling"]);
    expect(c?.file?.mimeType).toBe("image/png");

    const file = await getCredentialFile(t.db, ctx.user.id, saved.id);
    expect(Buffer.from(file!.bytes).equals(png)).toBe(true);
    expect(await count(credentialUploads)).toBe(0);

    const cards = await listWalletCredentials(t.db, ctx.user.id);
    expect(cards.map((x) => x.title)).toEqual(["Data Basics (edited)"]);
    expect(cards[0]!.hasFile).toBe(true);
  });

  it("re-derives the verified fields from the staged copy, whatever the form says", async () => {
    const draft = draftOf(await stageFile(ctx, bakedOb2()));
    // The form only carries title/description/skills; the service has no way to take an issuer from it.
    const saved = await saveStaged(ctx, draft.uploadId, { title: "Anything", description: "", skills: [] });
    const c = await getCredential(t.db, ctx.user.id, saved.id);
    expect(c?.issuerName).toBe("Example Community College");
    expect(c?.record?.raw).toBe(ob2Assertion());
    // Submit ran the verification itself because the follow-up request never came.
    expect(c?.verification?.checks.length).toBeGreaterThan(0);
  });

  it("says the same bytes are already in the wallet and points at them", async () => {
    const png = bakedOb2();
    const first = draftOf(await stageFile(ctx, png));
    const saved = await saveStaged(ctx, first.uploadId, { title: "Data Basics", description: "", skills: [] });
    const again = await stageFile(ctx, png);
    expect(again).toEqual({ kind: "duplicate", existing: { id: saved.id, title: "Data Basics" } });
  });

  it("says the same assertion id is already in the wallet, even in a different image", async () => {
    const first = draftOf(await stageFile(ctx, bakedOb2({ seed: 1 })));
    const saved = await saveStaged(ctx, first.uploadId, { title: "Data Basics", description: "", skills: [] });
    const other = await stageFile(ctx, bakedOb2({ seed: 99 }));
    expect(other.kind).toBe("duplicate");
    if (other.kind === "duplicate") expect(other.existing.id).toBe(saved.id);
    // And the same assertion pasted as JSON.
    const pasted = await stageText(ctx, ob2Assertion());
    expect(pasted.kind).toBe("duplicate");
  });

  it("catches a duplicate that slipped past staging (two tabs) at Submit", async () => {
    const a = draftOf(await stageFile(ctx, bakedOb2({ seed: 1 })));
    const b = draftOf(await stageFile(ctx, bakedOb2({ seed: 2 })));
    await saveStaged(ctx, a.uploadId, { title: "A", description: "", skills: [] });
    await expect(saveStaged(ctx, b.uploadId, { title: "B", description: "", skills: [] })).rejects.toBeInstanceOf(
      DuplicateCredentialError,
    );
    expect(await count(credentials)).toBe(1);
    expect(await count(credentialFiles)).toBe(1);
  });

  it("keeps a stripped image as the picture and offers manual entry", async () => {
    const plain = noisePng(20, 20, 7);
    const draft = draftOf(await stageFile(ctx, plain));
    expect(draft.mode).toBe("manual");
    expect(draft.hasImage).toBe(true);
    expect(draft.title).toBe("");
    expect(draft.verification?.result).toBe("indeterminate");
    expect(draft.verification?.checks.every((c) => c.status === "skip")).toBe(true);

    const saved = await saveStaged(ctx, draft.uploadId, {
      title: "Forklift safety",
      description: "Typed in by hand",
      skills: skillsFromForm(["Zorblax wrangling", "custom:Quibble tuning", "Forklift operation"]),
    });
    const c = await getCredential(t.db, ctx.user.id, saved.id);
    expect(c?.spec).toBeNull();
    expect(c?.externalId).toBeNull();
    expect(c?.verificationResult).toBe("indeterminate");
    expect(c?.skills.map((s) => s.skillKey)).toEqual([
      "custom:zorblax wrangling",
      "custom:quibble tuning",
      "forklift-operation",
    ]);
    const file = await getCredentialFile(t.db, ctx.user.id, saved.id);
    expect(Buffer.from(file!.bytes).equals(plain)).toBe(true);

    // Verify again on a manual entry still says "nothing to check".
    const again = await reverifyCredential(ctx, saved.id);
    expect(again?.report.result).toBe("indeterminate");
  });

  it("offers an empty form with no picture for typing a credential in", async () => {
    const draft = await stageManual(ctx);
    expect(draft).toMatchObject({ mode: "manual", hasImage: false, origin: "manual" });
    const saved = await saveStaged(ctx, draft.uploadId, { title: "First aid", description: "", skills: [] });
    const c = await getCredential(t.db, ctx.user.id, saved.id);
    expect(c?.file).toBeNull();
    expect(c?.origin).toBe("manual");
  });

  it("imports pasted JSON, and says plainly when a URL can't be reached offline", async () => {
    const draft = draftOf(
      await stageText(
        ctx,
        `\uFEFF  ${ob2Assertion({ id: "https://badges.example.org/assertions/77", title: "Pasted" })}\n`,
      ),
    );
    expect(draft.origin).toBe("paste");
    expect(draft.title).toBe("Pasted");
    expect(draft.hasImage).toBe(false);
    const saved = await saveStaged(ctx, draft.uploadId, {
      title: draft.title,
      description: draft.description,
      skills: draft.skills,
    });
    expect((await getCredential(t.db, ctx.user.id, saved.id))?.origin).toBe("paste");

    await expect(stageText(ctx, "https://badges.example.org/assertions/1")).rejects.toMatchObject({
      code: "REMOTE_UNAVAILABLE",
    });
    await expect(stageText(ctx, '{"hello": 1}')).rejects.toMatchObject({ code: "INVALID_PAYLOAD" });
  });

  it("refuses other files by their bytes with a typed error and stages nothing", async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    const err = await stageFile(ctx, jpeg).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SashError);
    expect((err as SashError).code).toBe("UNSUPPORTED_FILE");
    expect((err as SashError).message).toContain("JPEG");
    await expect(stageFile(ctx, new Uint8Array(0))).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
    await expect(stageFile(ctx, new Uint8Array(10 * 1024 * 1024 + 1))).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
    const truncated = bakedOb2().subarray(0, 40);
    await expect(stageFile(ctx, truncated)).rejects.toMatchObject({ code: "CORRUPT_IMAGE" });
    expect(await count(credentialUploads)).toBe(0);
  });

  it("lets a staged upload expire, after which Submit says so", async () => {
    const draft = draftOf(await stageFile(ctx, bakedOb2()));
    const later: WalletContext = { ...ctx, now: () => new Date(Date.now() + STAGING_TTL_MS + 1000) };
    expect(await verifyStaged(later, draft.uploadId)).toBeNull();
    await expect(saveStaged(later, draft.uploadId, { title: "x", description: "", skills: [] })).rejects.toBeInstanceOf(
      WalletError,
    );
    // The next staging sweeps expired rows.
    await stageManual(later);
    expect(await count(credentialUploads)).toBe(1);
  });

  it("refuses to save staged bytes that no longer match their hash", async () => {
    const draft = draftOf(await stageFile(ctx, bakedOb2()));
    await t.db.execute(
      sql`update credential_uploads set bytes = decode('89504e47', 'hex') where id = ${draft.uploadId}`,
    );
    await expect(saveStaged(ctx, draft.uploadId, { title: "x", description: "", skills: [] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await count(credentials)).toBe(0);
    expect(await count(credentialFiles)).toBe(0);
  });

  it("validates the learner's fields", async () => {
    const draft = draftOf(await stageFile(ctx, bakedOb2()));
    await expect(saveStaged(ctx, draft.uploadId, { title: "   ", description: "", skills: [] })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      saveStaged(ctx, draft.uploadId, { title: "x".repeat(201), description: "", skills: [] }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await count(credentials)).toBe(0);
  });
});

describe("transactionality", () => {
  it("writes nothing when the database rejects the credential after the file went in", async () => {
    const draft = draftOf(await stageFile(ctx, bakedOb2()));
    // PostgreSQL refuses NUL in text: the credential insert fails after the file insert in the same transaction.
    await expect(
      saveStaged(ctx, draft.uploadId, { title: "bad\u0000title", description: "", skills: [] }),
    ).rejects.toThrow();
    expect(await count(credentials)).toBe(0);
    expect(await count(credentialFiles)).toBe(0);
    expect(await count(credentialSkills)).toBe(0);
    // The staged upload survives, so the learner can fix the title and submit again.
    expect(await count(credentialUploads)).toBe(1);
    const ok = await saveStaged(ctx, draft.uploadId, { title: "Good title", description: "", skills: draft.skills });
    expect((await getCredential(t.db, ctx.user.id, ok.id))?.skills).toHaveLength(2);
    expect(await count(credentialUploads)).toBe(0);
  });

  it("rolls back file, credential and skills when a later step in the transaction fails", async () => {
    const png = bakedOb2();
    await expect(
      insertCredential(
        t.db,
        ctx.user.id,
        {
          origin: "upload",
          spec: null,
          externalId: "urn:x",
          title: "T",
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
          file: { bytes: png, sha256: "abc", mimeType: "image/png" },
          skills: skillsFromForm(["Welding", "Teamwork"]),
        },
        async () => {
          throw new Error("boom after skills");
        },
      ),
    ).rejects.toThrow("boom after skills");
    for (const table of [credentials, credentialFiles, credentialSkills] as const) expect(await count(table)).toBe(0);
  });

  it("keeps each learner's skill rows tied to their own credential", async () => {
    const draft = draftOf(await stageFile(ctx, bakedOb2()));
    const saved = await saveStaged(ctx, draft.uploadId, { title: "x", description: "", skills: draft.skills });
    const rows = await t.db.select().from(credentialSkills).where(eq(credentialSkills.credentialId, saved.id));
    expect(rows.every((r) => r.userId === ctx.user.id)).toBe(true);
    expect(rows.map((r) => r.position)).toEqual([0, 1]);
  });
});
