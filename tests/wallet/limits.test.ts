// Bounded work per request (issue #12 §2) in the import service: per-learner
// quotas enforced atomically in the save transaction, a hostile image refused
// at upload before anything decodes it, and the public copy of an image without
// badge data re-encoded once at save time.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../support/db";
import type { StageResult, WalletContext } from "@/server/wallet/types";
import { WalletError } from "@/server/wallet/errors";
import { stageFile } from "@/server/wallet/ingest";
import { saveStaged } from "@/server/wallet/saving";
import { walletQuota } from "@/server/wallet/quota";
import { startUploadSweeper, stopUploadSweeper } from "@/server/wallet/sweep";
import { insertUpload, UploadStagingError } from "@/db/queries/uploads";
import { readPngHeader, pngChunkTypes } from "@/lib/share/image";
import { bakedOb2, noisePng } from "../support/wallet";
import { declaredSizePng } from "../support/png";
import { countInflate } from "../support/inflate";

let t: TestDb;
let ctx: WalletContext;
const saved = { creds: process.env.SASH_MAX_CREDENTIALS, mb: process.env.SASH_MAX_STORAGE_MB };

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  const email = `ada-${randomBytes(3).toString("hex")}@example.org`;
  const r = (await t.db.execute(
    sql`insert into users (name, email) values ('Ada', ${email}) returning id`,
  )) as unknown as { rows: Array<{ id: string }> };
  ctx = { db: t.db, user: { id: r.rows[0].id, email } };
});
afterEach(() => {
  for (const [k, v] of [
    ["SASH_MAX_CREDENTIALS", saved.creds],
    ["SASH_MAX_STORAGE_MB", saved.mb],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

function uploadIdOf(r: StageResult): string {
  if (r.kind !== "draft") throw new Error(`expected a draft, got ${r.kind}`);
  return r.draft.uploadId;
}

async function counts(): Promise<{ credentials: number; uploads: number; fileBytes: number }> {
  const r = (await t.db.execute(
    sql`select (select count(*) from credentials)::int as c, (select count(*) from credential_uploads)::int as u,
      (select coalesce(sum(size), 0) from credential_files)::int as b`,
  )) as unknown as { rows: Array<{ c: number; u: number; b: number }> };
  return { credentials: Number(r.rows[0].c), uploads: Number(r.rows[0].u), fileBytes: Number(r.rows[0].b) };
}

const edits = (title: string) => ({ title, description: "", skills: [] });

describe(`wallet limits (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("reads the quotas from the environment with the documented defaults", () => {
    expect(walletQuota({})).toEqual({ maxCredentials: 1000, maxBytes: 200 * 1024 * 1024 });
    expect(walletQuota({ SASH_MAX_CREDENTIALS: "3", SASH_MAX_STORAGE_MB: "0.5" })).toEqual({
      maxCredentials: 3,
      maxBytes: 512 * 1024,
    });
    // A bad value is a configuration error naming the variable (issue #19 §3), no longer silently the default.
    expect(() => walletQuota({ SASH_MAX_CREDENTIALS: "nonsense", SASH_MAX_STORAGE_MB: "-1" })).toThrow(
      /SASH_MAX_CREDENTIALS="nonsense" must be a whole number .*; SASH_MAX_STORAGE_MB="-1" must be a number greater than 0/,
    );
  });

  it("SASH_MAX_CREDENTIALS: the save past the limit fails with a clear message and changes nothing", async () => {
    process.env.SASH_MAX_CREDENTIALS = "2";
    for (let i = 0; i < 2; i++)
      await saveStaged(ctx, uploadIdOf(await stageFile(ctx, noisePng(8, 8, i + 1))), edits(`Badge ${i}`));
    const third = uploadIdOf(await stageFile(ctx, noisePng(8, 8, 9)));
    const err = await saveStaged(ctx, third, edits("One too many")).catch((e) => e);
    expect(err).toBeInstanceOf(WalletError);
    expect(err.code).toBe("QUOTA_EXCEEDED");
    expect(err.message).toMatch(/already holds 2 credentials, the most it can keep \(2\)\. Delete one/);
    expect(await counts()).toMatchObject({ credentials: 2, uploads: 1 }); // the staged upload stays for a retry
  });

  it("SASH_MAX_CREDENTIALS holds under concurrent saves by one learner (checked in the save transaction)", async () => {
    process.env.SASH_MAX_CREDENTIALS = "3";
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(uploadIdOf(await stageFile(ctx, noisePng(8, 8, 100 + i))));
    const results = await Promise.allSettled(ids.map((id, i) => saveStaged(ctx, id, edits(`Racer ${i}`))));
    const ok = results.filter((r) => r.status === "fulfilled").length;
    const quota = results.filter(
      (r) => r.status === "rejected" && (r.reason as WalletError).code === "QUOTA_EXCEEDED",
    ).length;
    expect({ ok, quota }).toEqual({ ok: 3, quota: 5 });
    expect((await counts()).credentials).toBe(3);
  });

  it("SASH_MAX_STORAGE_MB: a file that would pass the learner's storage is refused with the sizes", async () => {
    const a = noisePng(120, 120, 1); // ~57 KB of noise
    const b = noisePng(120, 120, 2);
    process.env.SASH_MAX_STORAGE_MB = String((a.length + b.length / 2) / (1024 * 1024));
    await saveStaged(ctx, uploadIdOf(await stageFile(ctx, a)), edits("Fits"));
    const err = await saveStaged(ctx, uploadIdOf(await stageFile(ctx, b)), edits("Doesn't fit")).catch((e) => e);
    expect(err).toBeInstanceOf(WalletError);
    expect(err.code).toBe("QUOTA_EXCEEDED");
    const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
    const limit = Math.floor(Number(process.env.SASH_MAX_STORAGE_MB) * 1024 * 1024);
    expect(err.message).toBe(
      `This badge image (${kb(b.length)}) doesn't fit: your wallet's files use ${kb(a.length)} of your ${kb(limit)}. ` +
        "Delete a credential you no longer need to make room, then add this one again.",
    );
    expect(await counts()).toMatchObject({ credentials: 1, fileBytes: a.length });
  });

  it("refuses a hostile image at upload (interlaced, declaring 20000×20000) with a clear error, at once", async () => {
    const hostile = declaredSizePng(20_000, 20_000, { interlaced: true, inflatedBytes: 2 * 1024 * 1024 });
    const inflate = countInflate();
    const err = await stageFile(ctx, hostile).catch((e) => e);
    inflate.restore();
    // Refused from the header: none of its 2 MB of image data (1.6 GB declared) was inflated.
    expect(inflate.bytes()).toBe(0);
    expect(err).toBeInstanceOf(WalletError);
    expect(err.code).toBe("IMAGE_TOO_LARGE");
    expect(err.message).toMatch(/20,000 × 20,000 pixels, too large/);
    expect((await counts()).uploads).toBe(0);
  });

  it("stores the public copy of an image without badge data once, at save time; a baked badge needs none", async () => {
    const plain = Buffer.concat([noisePng(16, 16, 5)]);
    const manual = await saveStaged(ctx, uploadIdOf(await stageFile(ctx, plain)), edits("Photo of a certificate"));
    const baked = await saveStaged(
      ctx,
      uploadIdOf(await stageFile(ctx, bakedOb2({ id: "https://badges.example.org/a/limits" }))),
      edits("Baked"),
    );
    const rows = (await t.db.execute(
      sql`select c.id, encode(f.public_bytes, 'hex') as pub, f.public_mime_type as mime from credentials c join credential_files f on f.id = c.file_id`,
    )) as unknown as { rows: Array<{ id: string; pub: string | null; mime: string | null }> };
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    const pub = byId.get(manual.id)!;
    expect(pub.mime).toBe("image/png");
    const bytes = new Uint8Array(Buffer.from(pub.pub!, "hex"));
    expect(readPngHeader(bytes)).toMatchObject({ width: 16, height: 16 });
    expect(pngChunkTypes(bytes)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(byId.get(baked.id)!.pub).toBeNull();
  });

  it("a failed staging insert never carries the file's bytes (no hex dump in any log), only the database's reason", async () => {
    const bytes = noisePng(200, 200, 7);
    const hex = bytes.toString("hex");
    const err = await insertUpload(t.db, "00000000-0000-4000-8000-000000000000", {
      origin: "upload",
      file: { bytes, sha256: "x", mimeType: "image/png" },
      record: null,
      expiresAt: new Date(Date.now() + 60_000),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(UploadStagingError);
    expect(err.sqlState).toBe("23503"); // no such learner
    expect(err.message.length).toBeLessThan(500);
    expect(err.message).not.toContain(hex.slice(0, 64));
    expect(err.cause).toBeUndefined();
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain(hex.slice(0, 64));
  });

  it("expired staged uploads are swept by the server's timer, without waiting for the next upload", async () => {
    const fresh = uploadIdOf(await stageFile(ctx, noisePng(8, 8, 31)));
    const old = uploadIdOf(await stageFile(ctx, noisePng(8, 8, 32)));
    await t.db.execute(sql`update credential_uploads set expires_at = now() - interval '1 minute' where id = ${old}`);
    startUploadSweeper(t.db, 0.001); // every 60 ms
    try {
      // Until the timer's sweep has run (no deadline of ours: a sweeper that never runs hangs the test into its timeout).
      while ((await counts()).uploads > 1) await new Promise((r) => setTimeout(r, 20));
    } finally {
      stopUploadSweeper();
    }
    const left = (await t.db.execute(sql`select id from credential_uploads`)) as unknown as {
      rows: Array<{ id: string }>;
    };
    expect(left.rows.map((r) => r.id)).toEqual([fresh]);
  });
});
