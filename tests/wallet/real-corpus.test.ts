// Real badge exports (../shared/fixtures/real) through the import service,
// offline: every baked image stages a pre-filled draft (or says plainly that its
// data lives at an unreachable URL), every unbaked one offers manual entry, and
// whatever is saved downloads byte for byte. Skips when the fixtures are absent.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../support/db";
import { haveRealFixtures, REAL_FIXTURES } from "../support/fixtures";
import { users } from "@/db/schema";
import { getCredential, getCredentialFile } from "@/db/queries/credentials";
import type { WalletContext } from "@/server/wallet/types";
import { stageFile } from "@/server/wallet/ingest";
import { saveStaged } from "@/server/wallet/saving";
import { isSashError } from "@/lib/badges/errors";

const REAL = REAL_FIXTURES;
const present = haveRealFixtures("expected.json");

interface Expected {
  file: string;
  baked: boolean | null;
  payload: string | null;
  title: string | null;
}

const items: Expected[] = present
  ? (JSON.parse(fs.readFileSync(path.join(REAL, "expected.json"), "utf8")) as { items: Expected[] }).items.filter((i) =>
      /^(png|svg)\//.test(i.file),
    )
  : [];

let t: TestDb;
let ctx: WalletContext;

beforeAll(async () => {
  if (!present) return;
  t = await createTestDb();
  const [u] = await t.db
    .insert(users)
    .values({ name: "Corpus", email: "corpus@example.org", passwordHash: "x" })
    .returning();
  ctx = { db: t.db, user: { id: u!.id, email: u!.email } };
});
afterAll(async () => {
  await t?.close();
});

describe.skipIf(!present)("real badge files through the import service (offline)", () => {
  it.each(items.map((i) => [i.file, i] as const))("%s", async (_name, item) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(REAL, item.file)));
    let result;
    try {
      result = await stageFile(ctx, bytes);
    } catch (e) {
      // Only payloads that are a URL (hosted, unreachable offline) or broken JSON may refuse, and with a typed error.
      expect(isSashError(e)).toBe(true);
      const code = (e as { code: string }).code;
      if (item.payload === "url") expect(code).toBe("REMOTE_UNAVAILABLE");
      else expect(["INVALID_PAYLOAD", "CORRUPT_IMAGE"]).toContain(code);
      expect(item.baked === false).toBe(false);
      return;
    }
    if (result.kind === "duplicate") {
      // Several exports carry the same assertion (PNG and SVG of one badge): the earlier one is linked.
      const existing = await getCredential(t.db, ctx.user.id, result.existing.id);
      expect(existing?.externalId).toBeTruthy();
      expect(existing?.title).toBe(result.existing.title);
      return;
    }
    const draft = result.draft;
    if (item.baked === false) {
      expect(draft.mode).toBe("manual");
    } else {
      expect(draft.mode).toBe("badge");
      if (item.title) expect(draft.title).toBe(item.title);
    }
    const saved = await saveStaged(ctx, draft.uploadId, {
      title: draft.title || "Typed title",
      description: draft.description,
      skills: draft.skills,
    });
    const c = await getCredential(t.db, ctx.user.id, saved.id);
    expect(c?.file?.mimeType).toBe(item.file.startsWith("svg/") ? "image/svg+xml" : "image/png");
    const file = await getCredentialFile(t.db, ctx.user.id, saved.id);
    expect(Buffer.from(file!.bytes).equals(Buffer.from(bytes))).toBe(true);
  });
});
