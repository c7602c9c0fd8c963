// db/queries/share.ts against a real database: public reads see only enabled
// links and nothing private; the learner's controls touch only their own rows.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDb, type TestDb } from "@/tests/support/db";
import { credentialFiles, credentials, users } from "@/db/schema";
import {
  getShareSettings,
  getSharedCredential,
  getSharedFile,
  savePublicBytes,
  setShareEnabled,
  setShareIndexable,
} from "@/db/queries/share";
import { regenerateShareSlug } from "@/server/share/links";
import { seedSharedCredential } from "../support/share";
import { buildShareView } from "@/lib/share/view";
import { renderSharePage } from "@/lib/share/render";
import { SHARE_SLUG_PATTERN } from "@/lib/share/slug";

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

describe("share queries", () => {
  it("reads an enabled link with the learner's display name and skills in order, and nothing private", async () => {
    const s = await seedSharedCredential(t.db, { name: "Ada Lovelace", email: "ada.private@example.test" });
    const row = await getSharedCredential(t.db, s.slug);
    expect(row).not.toBeNull();
    expect(row!.learnerName).toBe("Ada Lovelace");
    expect(row!.skills).toEqual(["Microsoft Excel", "Data analysis"]);
    expect(row!.hasFile).toBe(true);
    const serialised = JSON.stringify(row);
    expect(serialised).not.toContain("ada.private@example.test");
    expect(serialised).not.toContain(s.userId);
    expect(serialised).not.toContain(s.credentialId);

    const html = renderSharePage(buildShareView(row!, "https://sash.example"));
    expect(html).toContain("Ada Lovelace");
    expect(html).not.toContain("ada.private@example.test");
    expect(html).not.toContain(s.credentialId);
    expect(html).not.toMatch(/sha256\$/);
    expect(html).not.toContain("learner@example.test");
  });

  it("hides a disabled link and shows it again when re-enabled", async () => {
    const s = await seedSharedCredential(t.db);
    expect((await setShareEnabled(t.db, s.userId, s.credentialId, false))?.enabled).toBe(false);
    expect(await getSharedCredential(t.db, s.slug)).toBeNull();
    expect(await getSharedFile(t.db, s.slug)).toBeNull();
    await setShareEnabled(t.db, s.userId, s.credentialId, true);
    expect(await getSharedCredential(t.db, s.slug)).not.toBeNull();
  });

  it("lets only the owner change settings", async () => {
    const a = await seedSharedCredential(t.db);
    const b = await seedSharedCredential(t.db);
    expect(await setShareEnabled(t.db, b.userId, a.credentialId, false)).toBeNull();
    expect(await setShareIndexable(t.db, b.userId, a.credentialId, true)).toBeNull();
    expect(await regenerateShareSlug(t.db, b.userId, a.credentialId)).toBeNull();
    expect(await getShareSettings(t.db, b.userId, a.credentialId)).toBeNull();
    expect(await getShareSettings(t.db, a.userId, a.credentialId)).toEqual({
      slug: a.slug,
      enabled: true,
      indexable: false,
    });
  });

  it("regenerates: the old slug stops resolving, the new one works", async () => {
    const s = await seedSharedCredential(t.db);
    const r = await regenerateShareSlug(t.db, s.userId, s.credentialId);
    expect(r!.oldSlug).toBe(s.slug);
    expect(r!.settings.slug).not.toBe(s.slug);
    expect(r!.settings.slug).toMatch(SHARE_SLUG_PATTERN);
    expect(await getSharedCredential(t.db, s.slug)).toBeNull();
    expect((await getSharedCredential(t.db, r!.settings.slug))?.title).toBe("Data Analysis with Spreadsheets");
  });

  it("records the indexing opt-in", async () => {
    const s = await seedSharedCredential(t.db);
    await setShareIndexable(t.db, s.userId, s.credentialId, true);
    expect((await getSharedCredential(t.db, s.slug))?.indexable).toBe(true);
  });

  it("knows a baked upload from a manual entry's picture, and stores the public copy once", async () => {
    const s = await seedSharedCredential(t.db);
    const baked = await getSharedFile(t.db, s.slug);
    expect(baked?.baked).toBe(true);
    await t.db
      .update(credentials)
      .set({ origin: "manual", spec: null, record: null })
      .where(eq(credentials.id, s.credentialId));
    const manual = await getSharedFile(t.db, s.slug);
    expect(manual?.baked).toBe(false);
    await savePublicBytes(t.db, manual!.fileId, Uint8Array.of(1, 2, 3), "image/png");
    await savePublicBytes(t.db, manual!.fileId, Uint8Array.of(9), "image/png");
    const [f] = await t.db
      .select({ p: credentialFiles.publicBytes })
      .from(credentialFiles)
      .where(eq(credentialFiles.id, manual!.fileId));
    expect(Array.from(f.p!)).toEqual([1, 2, 3]);
  });

  it("finds nothing once the credential or its learner is deleted", async () => {
    const s = await seedSharedCredential(t.db);
    await t.db.delete(users).where(eq(users.id, s.userId));
    expect(await getSharedCredential(t.db, s.slug)).toBeNull();
  });
});
