// Issue #13 §6 on a real database: the learner's holder did:key is made on first use and
// stored only encrypted (AES-256-GCM under an HKDF key from AUTH_SECRET), and the service
// presents the chosen credentials, as imported through the wallet, signed by that key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { verify as vcVerify } from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import jsigs from "jsonld-signatures";
import { createHash } from "node:crypto";
import { credentials, holderKeys, userEmails, users } from "@/db/schema";
import type { StageResult, WalletContext } from "@/server/wallet/types";
import { stageText } from "@/server/wallet/ingest";
import { saveStaged } from "@/server/wallet/saving";
import { createPresentation, listPresentable } from "@/server/presentation/presentations";
import { decryptSecretKey, holderSigner } from "@/server/presentation/keys";
import { presentationDocumentLoader, verifyPresentationDocument } from "@/lib/presentation/presentation";
import { createTestDb, type TestDb } from "../support/db";
import { codeOf } from "../support/errors";
import { didKeySigner, registryListing, ob3Credential, signEddsaRdfc2022 } from "../support/verify";
import { ob2Assertion } from "../support/wallet";

/** Issue #20: a did:key alone is key only (never valid); the test issuer is a registered one. */
const issuerListed = () => registryListing({ [issuer.did]: "Sash Test University" });

const SECRET = "test-auth-secret-for-presentations";
let t: TestDb;
let ctx: WalletContext;
let ids: { teamwork: string; statistics: string; ob2: string };
let issuer: Awaited<ReturnType<typeof didKeySigner>>;

async function save(text: string, title: string): Promise<string> {
  const r: StageResult = await stageText(ctx, text);
  if (r.kind !== "draft") throw new Error("expected a draft");
  return (await saveStaged(ctx, r.draft.uploadId, { title, description: "", skills: [] })).id;
}

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
  // Ada's verified address, which the test credentials were issued to (issue #25 §5a).
  await t.db.insert(userEmails).values({ userId: u!.id, email: "ada@example.org", verifiedAt: new Date() });
  issuer = await didKeySigner();
  const teamwork = await signEddsaRdfc2022(ob3Credential(issuer.did), issuer);
  const statistics = await signEddsaRdfc2022(
    ob3Credential(issuer.did, { id: "urn:uuid:6b1f0e2d-3c4a-4b5d-8e7f-0a1b2c3d4e5f" }),
    issuer,
  );
  ids = {
    teamwork: await save(JSON.stringify(teamwork), "Teamwork"),
    statistics: await save(JSON.stringify(statistics), "Statistics"),
    ob2: await save(ob2Assertion({ title: "Data Basics" }), "Data Basics"),
  };
});

describe(`presentations (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("lists which credentials can be presented, and why an OB 2.0 badge can't", async () => {
    const list = await listPresentable(t.db, ctx.user.id);
    const byId = new Map(list.map((c) => [c.id, c]));
    expect(byId.get(ids.teamwork)!.notPresentable).toBeNull();
    expect(byId.get(ids.statistics)!.notPresentable).toBeNull();
    expect(byId.get(ids.ob2)!.notPresentable).toMatch(/aren't Verifiable Credentials/);
  });

  it("signs the chosen credentials with the learner's did:key, made on first use and kept encrypted", async () => {
    expect(await t.db.select().from(holderKeys)).toHaveLength(0);
    const out = await createPresentation(t.db, ctx.user.id, [ids.teamwork, ids.statistics], new Date(), SECRET);
    const vp = JSON.parse(out.json) as Record<string, unknown>;
    expect(out.filename).toMatch(/^sash-presentation-\d{4}-\d{2}-\d{2}\.json$/);
    expect(vp.holder).toBe(out.holder);
    expect(out.holder).toMatch(/^did:key:z6Mk/);
    expect((vp.verifiableCredential as unknown[]).length).toBe(2);

    const r = await vcVerify({
      presentation: vp,
      suite: [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })],
      documentLoader: presentationDocumentLoader(),
      presentationPurpose: new jsigs.purposes.AssertionProofPurpose(),
    });
    expect(r.presentationResult?.verified).toBe(true);
    expect(r.credentialResults?.map((c) => c.verified)).toEqual([true, true]);
    const report = await verifyPresentationDocument(vp, { registries: await issuerListed() });
    expect(report.result).toBe("valid");
    expect(report.credentials.map((c) => c.result)).toEqual(["valid", "valid"]);

    // One row, the secret sealed: it opens only with this AUTH_SECRET and for this learner.
    const rows = await t.db.select().from(holderKeys).where(eq(holderKeys.userId, ctx.user.id));
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.did).toBe(out.holder);
    const plain = decryptSecretKey(row.secretKeyEncrypted, ctx.user.id, SECRET);
    expect(plain).toMatch(/^z/);
    expect(row.secretKeyEncrypted).not.toContain(plain);
    expect(() => decryptSecretKey(row.secretKeyEncrypted, ctx.user.id, "another secret")).toThrow();
    expect(() => decryptSecretKey(row.secretKeyEncrypted, "00000000-0000-4000-8000-000000000000", SECRET)).toThrow();

    // The second presentation reuses the key.
    const again = await createPresentation(t.db, ctx.user.id, [ids.teamwork], new Date(), SECRET);
    expect(again.holder).toBe(out.holder);
    expect(await t.db.select().from(holderKeys)).toHaveLength(1);
  });

  it("two first uses at once keep one key", async () => {
    const [a, b] = await Promise.all([
      holderSigner(t.db, ctx.user.id, SECRET),
      holderSigner(t.db, ctx.user.id, SECRET),
    ]);
    expect(a.did).toBe(b.did);
    expect(await t.db.select().from(holderKeys)).toHaveLength(1);
  });

  it("refuses, with a code: nothing chosen, an OB 2.0 badge, another learner's credential, a bad id", async () => {
    expect(await codeOf(createPresentation(t.db, ctx.user.id, [], new Date(), SECRET))).toBe("PRESENTATION_EMPTY");
    expect(await codeOf(createPresentation(t.db, ctx.user.id, [ids.ob2], new Date(), SECRET))).toBe(
      "PRESENTATION_NOT_PRESENTABLE",
    );
    const [other] = await t.db
      .insert(users)
      .values({ name: "Bo", email: "bo@example.org", passwordHash: "x" })
      .returning();
    expect(await codeOf(createPresentation(t.db, other!.id, [ids.teamwork], new Date(), SECRET))).toBe("NOT_FOUND");
    expect(await codeOf(createPresentation(t.db, ctx.user.id, ["not-a-uuid"], new Date(), SECRET))).toBe("NOT_FOUND");
    expect(await t.db.select().from(holderKeys)).toHaveLength(0);
  });
});

describe("only credentials issued to the learner (issue #25 §5a)", () => {
  /** A signed OB 3.0 credential issued to `email` (hashed, as issuers do). */
  async function issuedTo(email: string, id: string) {
    const base = ob3Credential(issuer.did, { id });
    const subject = base.credentialSubject as Record<string, unknown>;
    const identityHash = "sha256$" + createHash("sha256").update(`${email}pepper`).digest("hex");
    return signEddsaRdfc2022(
      {
        ...base,
        credentialSubject: {
          ...subject,
          identifier: [
            { type: "IdentityObject", identityType: "emailAddress", hashed: true, salt: "pepper", identityHash },
          ],
        },
      },
      issuer,
    );
  }
  it("refuses a credential in the wallet that was issued to someone else's address", async () => {
    const bos = await save(
      JSON.stringify(await issuedTo("bo@example.org", "urn:uuid:5d2a9c1e-7b3f-4e6a-9d8c-1f2e3a4b5c6d")),
      "Bo's badge",
    );
    const listed = (await listPresentable(t.db, ctx.user.id)).find((c) => c.id === bos)!;
    expect(listed.notPresentable).toMatch(/isn't one of yours/);
    expect(await codeOf(createPresentation(t.db, ctx.user.id, [bos], new Date(), SECRET))).toBe(
      "PRESENTATION_NOT_PRESENTABLE",
    );
    // Mixed with her own, still refused as a whole: nothing signed.
    expect(await codeOf(createPresentation(t.db, ctx.user.id, [ids.teamwork, bos], new Date(), SECRET))).toBe(
      "PRESENTATION_NOT_PRESENTABLE",
    );
    expect(await t.db.select().from(holderKeys)).toHaveLength(0);
  });

  it("follows the learner's verified addresses now, not when it was saved", async () => {
    await t.db.delete(userEmails).where(eq(userEmails.userId, ctx.user.id));
    expect((await listPresentable(t.db, ctx.user.id)).find((c) => c.id === ids.teamwork)!.notPresentable).toMatch(
      /add and verify the address/,
    );
    await t.db.insert(userEmails).values({ userId: ctx.user.id, email: "ADA@example.org", verifiedAt: new Date() });
    expect((await listPresentable(t.db, ctx.user.id)).find((c) => c.id === ids.teamwork)!.notPresentable).toBeNull();
    // An address added but not verified yet confirms nothing.
    await t.db.delete(userEmails).where(eq(userEmails.userId, ctx.user.id));
    await t.db.insert(userEmails).values({ userId: ctx.user.id, email: "ada@example.org", verifiedAt: null });
    expect(await codeOf(createPresentation(t.db, ctx.user.id, [ids.teamwork], new Date(), SECRET))).toBe(
      "PRESENTATION_NOT_PRESENTABLE",
    );
  });

  it("refuses a credential whose last check proved it wrong", async () => {
    await t.db.update(credentials).set({ verificationResult: "invalid" }).where(eq(credentials.id, ids.statistics));
    expect((await listPresentable(t.db, ctx.user.id)).find((c) => c.id === ids.statistics)!.notPresentable).toMatch(
      /isn't valid/,
    );
    expect(await codeOf(createPresentation(t.db, ctx.user.id, [ids.statistics], new Date(), SECRET))).toBe(
      "PRESENTATION_NOT_PRESENTABLE",
    );
  });
});

describe("a changed AUTH_SECRET", () => {
  it("replaces the key that no longer opens with a new one, and presents with it", async () => {
    const first = await createPresentation(t.db, ctx.user.id, [ids.teamwork], new Date(), SECRET);
    const second = await createPresentation(t.db, ctx.user.id, [ids.teamwork], new Date(), "a new secret");
    expect(second.holder).not.toBe(first.holder);
    expect(
      (await verifyPresentationDocument(JSON.parse(second.json), { registries: await issuerListed() })).result,
    ).toBe("valid");
    expect(await t.db.select().from(holderKeys)).toHaveLength(1);
    // The old presentation still verifies: its did:key needs nothing from Sash.
    expect(
      (await verifyPresentationDocument(JSON.parse(first.json), { registries: await issuerListed() })).result,
    ).toBe("valid");
  });
});
