// "Download everything" and its restore (issue #13 §6) on a real database: a
// wallet built through the real import flows (baked badge, pasted credential,
// a real signed OB 3.0 credential, a real CLR, a typed-in credential, a picture
// without badge data) goes out as one ZIP and comes back into an empty account
// as the same wallet; hostile archives are refused with a code, writing nothing.
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, insertLearner, type TestDb } from "@/tests/support/db";
import { haveRealFixtures, realFixture } from "@/tests/support/fixtures";
import { bakedOb2, noisePng, ob2Assertion } from "@/tests/support/wallet";
import { rawZip } from "@/tests/support/zip";
import { credentials, credentialFiles, learnerRecords } from "@/db/schema";
import type { StageResult, WalletContext } from "@/server/wallet/types";
import { stageManual } from "@/server/wallet/staging";
import { stageFile, stageText } from "@/server/wallet/ingest";
import { saveStaged } from "@/server/wallet/saving";
import { saveStagedImport } from "@/server/wallet/records";
import { collectExport, exportWalletZip } from "@/server/portfolio/export";
import { restoreWalletZip } from "@/server/portfolio/restore";
import yazl from "yazl";
import { DEFAULT_ZIP_LIMITS, readZip, writeZip, zipBytesInflated } from "@/lib/portfolio/zip";
import { acquireRestoreSlot } from "@/server/portfolio/restore-limit";
import { ensureRecordShare, setRecordShareEnabled, getRecordShare } from "@/db/queries/portfolio";
import { newShareSlug } from "@/lib/share/slug";

const OB3 = "json/1edtech-dcpv_ob30-simple_di-didkey.json";
const CLR = "json/clr/1edtech-dcpv_clr20-simple_di.json";
const haveFixtures = haveRealFixtures(OB3, CLR);

let t: TestDb;
let ada: WalletContext;
let bo: WalletContext;

/** A learner (with a realistic-looking password hash). */
const learner = (name: string, email: string) => insertLearner(t, name, email, "scrypt$secret-hash");

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  ada = await learner("Ada", "ada@example.org");
  bo = await learner("Bo", "bo@example.org");
});

function draftOf(r: StageResult) {
  if (r.kind !== "draft") throw new Error(`expected a draft, got ${r.kind}`);
  return r.draft;
}

/**
 * The index.json entry of one pasted OB 2.0 payload, at credentials/0001-x.json unless `path` says
 * otherwise (enough to be listed; its content is checked later).
 */
function pastedEntry(payload: Uint8Array | string, path = "credentials/0001-x.json") {
  return {
    path,
    kind: "payload",
    mimeType: "application/json",
    sha256: createHash("sha256").update(payload).digest("hex"),
    size: Buffer.byteLength(payload),
    spec: "ob2",
    origin: "paste",
    externalId: null,
    title: "X",
    description: "",
    issuerTitle: null,
    issuerDescription: null,
    issuer: { name: null, url: null },
    issuedOn: null,
    expires: null,
    criteria: { narrative: null, url: null },
    skills: [],
    share: { enabled: true, indexable: false, downloadShowsAddress: false },
    verification: null,
    addedAt: null,
    learnerRecord: null,
    learnerRecordIndex: null,
  };
}

async function count(table: typeof credentials | typeof credentialFiles | typeof learnerRecords, userId: string) {
  const [row] = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(sql`user_id = ${userId}`);
  return Number(row!.n);
}

/** Ada's wallet, through the same services as the Add credential pages. */
async function buildWallet(c: WalletContext) {
  const baked = draftOf(await stageFile(c, bakedOb2({ title: "Data Basics", skills: ["MS Excel", "Data cleaning"] })));
  const a = await saveStaged(c, baked.uploadId, {
    title: "Data Basics (my title)",
    description: "What I learned, in my words.",
    skills: [...baked.skills, { name: "Curiosity", skillKey: "custom:curiosity", skillId: null }],
  });
  const pasted = draftOf(
    await stageText(
      c,
      ob2Assertion({ id: "https://badges.example.org/assertions/2002", title: "SQL Basics", skills: ["SQL"] }),
    ),
  );
  await saveStaged(c, pasted.uploadId, { title: pasted.title, description: pasted.description, skills: pasted.skills });
  const manual = await stageManual(c);
  await saveStaged(c, manual.uploadId, { title: "Volunteer first-aider", description: "Typed in by me.", skills: [] });
  const picture = draftOf(await stageFile(c, noisePng(20, 20, 7)));
  expect(picture.mode).toBe("manual");
  await saveStaged(c, picture.uploadId, { title: "Certificate photo", description: "", skills: [] });
  if (haveFixtures) {
    const ob3 = draftOf(await stageText(c, readFileSync(realFixture(OB3), "utf8")));
    await saveStaged(c, ob3.uploadId, { title: ob3.title, description: ob3.description, skills: ob3.skills });
    const clr = draftOf(await stageText(c, readFileSync(realFixture(CLR), "utf8")));
    const saved = await saveStagedImport(c, clr.uploadId, { title: "My transcript", description: "", skills: [] });
    expect(saved.kind).toBe("record");
  }
  // Share choices: the baked badge's link off and indexable on; the portfolio page's link on.
  await t.db
    .update(credentials)
    .set({ shareEnabled: false, shareIndexable: true })
    .where(sql`id = ${a.id}`);
  await ensureRecordShare(t.db, c.user.id, newShareSlug());
  await setRecordShareEnabled(t.db, c.user.id, true);
}

/** What must be equal between two wallets: everything but ids, slugs and times of the check. */
async function comparable(userId: string) {
  const ex = await collectExport(t.db, userId, new Date("2026-11-28T00:00:00Z"));
  return {
    ...ex.index,
    exportedAt: null,
    credentials: ex.index.credentials
      .map((c) => ({
        ...c,
        path: c.path?.replace(/^credentials\/\d+-/, ""),
        verification: { result: c.verification?.result },
      }))
      .sort((x, y) => (x.sha256 ?? x.title).localeCompare(y.sha256 ?? y.title)),
    learnerRecords: ex.index.learnerRecords.map((r) => ({ ...r, path: r.path?.replace(/^learner-records\/\d+-/, "") })),
    files: ex.files.map((f) => createHash("sha256").update(f.bytes).digest("hex")).sort(),
  };
}

describe(`Download everything and restore (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("restores the same wallet into an empty account: titles, specs, issuers, skills, bytes, edits, share choices", async () => {
    await buildWallet(ada);
    const { zip } = await exportWalletZip(t.db, ada.user.id);
    const files = await readZip(zip);
    const index = JSON.parse(Buffer.from(files.get("index.json")!).toString("utf8"));
    expect(index.format).toBe("sash-wallet-export");
    // No account data: no address, password hash or ids.
    const text = Buffer.from(files.get("index.json")!).toString("utf8");
    expect(text).not.toContain("ada@example.org");
    expect(text).not.toContain("scrypt$");
    expect(text).not.toContain(ada.user.id);
    const ids = await t.db.select({ id: credentials.id, slug: credentials.shareSlug }).from(credentials);
    for (const r of ids) {
      expect(text).not.toContain(r.id);
      expect(text).not.toContain(r.slug);
    }
    // Each file is the stored original, byte for byte.
    for (const c of index.credentials.filter((c: { path: string | null }) => c.path)) {
      expect(createHash("sha256").update(files.get(c.path)!).digest("hex")).toBe(c.sha256);
    }

    const before = await comparable(ada.user.id);
    const summary = await restoreWalletZip(bo, zip);
    expect(summary.added).toBe(before.credentials.length);
    expect(summary.alreadyHeld).toBe(0);
    const after = await comparable(bo.user.id);
    expect(after).toEqual(before);
    expect(after.credentials.find((c) => c.title === "Data Basics (my title)")).toMatchObject({
      description: "What I learned, in my words.",
      share: { enabled: false, indexable: true, downloadShowsAddress: false },
    });
    expect(after.credentials.find((c) => c.title === "Data Basics (my title)")!.skills.map((s) => s.name)).toContain(
      "Curiosity",
    );
    expect((await getRecordShare(t.db, bo.user.id))?.enabled).toBe(true);
    // New links, never the old ones.
    const slugs = await t.db.select({ u: credentials.userId, s: credentials.shareSlug }).from(credentials);
    const adaSlugs = new Set(slugs.filter((r) => r.u === ada.user.id).map((r) => r.s));
    expect(slugs.filter((r) => r.u === bo.user.id).some((r) => adaSlugs.has(r.s))).toBe(false);
    if (haveFixtures) expect(await count(learnerRecords, bo.user.id)).toBe(1);

    // Restoring the same archive again adds nothing.
    const again = await restoreWalletZip(bo, zip);
    expect(again.added).toBe(0);
    expect(await comparable(bo.user.id)).toEqual(before);
  });

  it("leaves the schedule to check what doesn't fit in the time budget ('not checked yet', never a copied result)", async () => {
    await buildWallet(ada);
    const { zip } = await exportWalletZip(t.db, ada.user.id);
    const s = await restoreWalletZip(bo, zip, { verifyBudgetMs: 0 });
    expect(s.checked).toBe(0);
    const rows = await t.db
      .select({ v: credentials.verificationResult, spec: credentials.spec })
      .from(credentials)
      .where(sql`user_id = ${bo.user.id} and spec is not null`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.v === null)).toBe(true);
  });
});

describe("hostile archives: a coded refusal and nothing written", () => {
  async function refused(zip: Uint8Array, code: string, limits?: Parameters<typeof restoreWalletZip>[2]) {
    const before = await count(credentials, bo.user.id);
    await expect(restoreWalletZip(bo, zip, limits)).rejects.toMatchObject({ code, expose: true });
    expect(await count(credentials, bo.user.id)).toBe(before);
    expect(await count(credentialFiles, bo.user.id)).toBe(0);
  }
  const index = (credentialsList: unknown[] = []) =>
    JSON.stringify({
      format: "sash-wallet-export",
      version: 1,
      exportedAt: "2026-11-28T00:00:00Z",
      recordShare: { enabled: false },
      credentials: credentialsList,
      learnerRecords: [],
    });

  it("refuses what isn't a ZIP, or a damaged one", async () => {
    await refused(Buffer.from("not a zip at all"), "ZIP_INVALID");
    const ok = rawZip([{ name: "index.json", data: index() }]);
    await refused(ok.subarray(0, ok.byteLength - 10), "ZIP_INVALID");
  });

  it("refuses too many entries", async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: "x" }));
    await refused(rawZip(many), "ZIP_TOO_MANY_ENTRIES", {
      limits: { maxEntries: 20, maxEntryBytes: 1e6, maxTotalBytes: 1e7, maxRatio: 100 },
    });
  });

  it("refuses entries over the size limits, alone or together, and one that inflates past what it declares", async () => {
    const big = "a".repeat(5000);
    const limits = { maxEntries: 100, maxEntryBytes: 4000, maxTotalBytes: 9000, maxRatio: 1e6 };
    await refused(rawZip([{ name: "big.txt", data: big }]), "ZIP_TOO_LARGE", { limits });
    await refused(
      rawZip([
        { name: "a.txt", data: "a".repeat(3500) },
        { name: "b.txt", data: "a".repeat(3500) },
        { name: "c.txt", data: "a".repeat(3500) },
      ]),
      "ZIP_TOO_LARGE",
      { limits },
    );
    // Declares 100 bytes, inflates to 5000: stopped while reading (listed, so it is read at all).
    await refused(
      rawZip([
        { name: "index.json", data: index([pastedEntry(big, "liar.txt")]) },
        { name: "liar.txt", data: big, deflate: true, declaredSize: 100 },
      ]),
      "ZIP_INVALID",
      { limits },
    );
  });

  it("refuses a zip bomb by its compression ratio", async () => {
    await refused(rawZip([{ name: "index.json", data: " ".repeat(2_000_000), deflate: true }]), "ZIP_RATIO");
  });

  it("refuses path traversal, absolute and backslash names", async () => {
    for (const name of [
      "../evil.json",
      "a/../../evil.json",
      "/etc/passwd",
      "C:/evil.json",
      "a\\..\\evil.json",
      "a//b",
    ]) {
      await refused(
        rawZip([
          { name: "index.json", data: index() },
          { name, data: "{}" },
        ]),
        "ZIP_UNSAFE_PATH",
      );
    }
  });

  it("refuses duplicate names, also differing only in case", async () => {
    await refused(
      rawZip([
        { name: "index.json", data: index() },
        { name: "credentials/a.json", data: "{}" },
        { name: "credentials/A.json", data: "{}" },
      ]),
      "ZIP_DUPLICATE_NAME",
    );
  });

  it("refuses nested archives, by name or by content, and encrypted entries", async () => {
    const inner = await writeZip([{ path: "x.txt", bytes: Buffer.from("x") }]);
    await refused(
      rawZip([
        { name: "index.json", data: index() },
        { name: "inner.zip", data: inner },
      ]),
      "ZIP_NESTED",
    );
    await refused(
      rawZip([
        { name: "index.json", data: index([pastedEntry(inner, "inner.json")]) },
        { name: "inner.json", data: inner },
      ]),
      "ZIP_NESTED",
    );
    await refused(rawZip([{ name: "index.json", data: index(), encrypted: true }]), "ZIP_ENCRYPTED");
  });

  it("refuses an archive whose index is missing, malformed, or doesn't match its files", async () => {
    await refused(rawZip([{ name: "readme.txt", data: "hi" }]), "ZIP_NO_INDEX");
    await refused(rawZip([{ name: "index.json", data: "{nope" }]), "ZIP_BAD_INDEX");
    await refused(rawZip([{ name: "index.json", data: JSON.stringify({ format: "other" }) }]), "ZIP_BAD_INDEX");
    await refused(
      rawZip([
        { name: "index.json", data: index() },
        { name: "stray.json", data: "{}" },
      ]),
      "ZIP_UNLISTED_FILE",
    );
    const payload = ob2Assertion({ id: "https://badges.example.org/assertions/3003" });
    const entry = pastedEntry(payload);
    await refused(rawZip([{ name: "index.json", data: index([entry]) }]), "ZIP_MISSING_FILE");
    await refused(
      rawZip([
        { name: "index.json", data: index([entry]) },
        { name: entry.path, data: payload.replace("Data Basics", "Data Basicz") },
      ]),
      "ZIP_CHECKSUM",
    );
    // A listed file that holds no badge data.
    const junk = "just words";
    await refused(
      rawZip([
        {
          name: "index.json",
          data: index([
            { ...entry, kind: "payload", sha256: createHash("sha256").update(junk).digest("hex"), size: junk.length },
          ]),
        },
        { name: entry.path, data: junk },
      ]),
      "ZIP_BAD_ENTRY",
    );
    // And the well-formed one goes in.
    const good = rawZip([
      { name: "index.json", data: index([entry]) },
      { name: entry.path, data: payload },
    ]);
    expect((await restoreWalletZip(bo, good)).added).toBe(1);
  });

  it("respects the wallet's quota, all or nothing", async () => {
    await buildWallet(ada);
    const { zip } = await exportWalletZip(t.db, ada.user.id);
    const prev = process.env.SASH_MAX_CREDENTIALS;
    process.env.SASH_MAX_CREDENTIALS = "2";
    try {
      await refused(zip, "QUOTA_EXCEEDED");
      expect(await count(learnerRecords, bo.user.id)).toBe(0);
    } finally {
      if (prev === undefined) delete process.env.SASH_MAX_CREDENTIALS;
      else process.env.SASH_MAX_CREDENTIALS = prev;
    }
  });
});

describe("archives are checked before they are inflated (issue #25 §4)", () => {
  const emptyIndex = JSON.stringify({
    format: "sash-wallet-export",
    version: 1,
    exportedAt: "2026-11-28T00:00:00Z",
    recordShare: { enabled: false },
    credentials: [],
    learnerRecords: [],
  });

  /** A ZIP made by a real ZIP library (yazl), deflated unless `store`. */
  function yazlZip(entries: Array<{ name: string; data: Buffer }>, store = false): Promise<Buffer> {
    const zip = new yazl.ZipFile();
    for (const e of entries) zip.addBuffer(e.data, e.name, { compress: !store, mtime: new Date(0) });
    zip.end();
    return new Promise((resolve, reject) => {
      const parts: Buffer[] = [];
      zip.outputStream.on("data", (c: Buffer) => parts.push(c));
      zip.outputStream.on("error", reject);
      zip.outputStream.on("end", () => resolve(Buffer.concat(parts)));
    });
  }

  /** Bytes readZip inflates in this process while `run` runs. */
  async function inflatedDuring(run: () => Promise<unknown>): Promise<number> {
    const before = zipBytesInflated();
    await run().catch(() => undefined);
    return zipBytesInflated() - before;
  }

  it("refuses the issue's archive (2,400 unlisted entries of 64 KiB of zeros) before inflating anything", async () => {
    const zeros = Buffer.alloc(64 * 1024);
    const zip = await yazlZip([
      { name: "index.json", data: Buffer.from(emptyIndex) },
      ...Array.from({ length: 2_400 }, (_, i) => ({
        name: `credentials/${String(i).padStart(4, "0")}.json`,
        data: zeros,
      })),
    ]);
    expect(zip.byteLength).toBeLessThan(600 * 1024);
    let seen = 0;
    await expect(readZip(zip, DEFAULT_ZIP_LIMITS, { onInflate: (n) => (seen += n) })).rejects.toMatchObject({
      code: "ZIP_RATIO",
    });
    expect(seen).toBe(0);
    const viaRestore = await inflatedDuring(() =>
      expect(restoreWalletZip(bo, zip)).rejects.toMatchObject({ code: "ZIP_RATIO", expose: true }),
    );
    // Today's code inflated ~150 MiB before refusing it.
    expect(viaRestore).toBe(0);
    expect(await count(credentials, bo.user.id)).toBe(0);
  });

  it("refuses unlisted entries before inflating any of them (only index.json is read)", async () => {
    // Incompressible and stored: no ratio limit applies, only the listing.
    const noise = (i: number) =>
      createHash("sha512").update(String(i)).digest().subarray(0, 64).toString("hex").repeat(1);
    const entries = Array.from({ length: 40 }, (_, i) => ({
      name: `credentials/${i}.json`,
      data: Buffer.concat(Array.from({ length: 512 }, (_, k) => Buffer.from(noise(i * 1000 + k)))),
    }));
    const zip = await yazlZip([{ name: "index.json", data: Buffer.from(emptyIndex) }, ...entries], true);
    let seen = 0;
    await expect(readZip(zip, DEFAULT_ZIP_LIMITS, { onInflate: (n) => (seen += n) })).rejects.toMatchObject({
      code: "ZIP_UNLISTED_FILE",
    });
    expect(seen).toBe(Buffer.byteLength(emptyIndex));
    const viaRestore = await inflatedDuring(() =>
      expect(restoreWalletZip(bo, zip)).rejects.toMatchObject({ code: "ZIP_UNLISTED_FILE", expose: true }),
    );
    expect(viaRestore).toBe(Buffer.byteLength(emptyIndex));
    // Without an index.json nothing at all is inflated.
    const noIndex = await yazlZip(entries, true);
    expect(
      await inflatedDuring(() => expect(restoreWalletZip(bo, noIndex)).rejects.toMatchObject({ code: "ZIP_NO_INDEX" })),
    ).toBe(0);
  });

  it("applies the ratio limit to small entries and to the archive as a whole", async () => {
    // One entry under 64 KiB (once exempt) compressed far past the per-entry ratio.
    const small = await yazlZip([
      { name: "index.json", data: Buffer.from(emptyIndex) },
      { name: "credentials/a.json", data: Buffer.alloc(60_000, 0x20) },
    ]);
    let seen = 0;
    await expect(readZip(small, DEFAULT_ZIP_LIMITS, { onInflate: (n) => (seen += n) })).rejects.toMatchObject({
      code: "ZIP_RATIO",
    });
    expect(seen).toBe(0);
    // Every entry within a (lenient) per-entry ratio, but together far past the archive's own size.
    const lenient = { ...DEFAULT_ZIP_LIMITS, maxRatio: 1e6 };
    const many = await yazlZip(
      Array.from({ length: 50 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.alloc(200_000, 0x20) })),
    );
    seen = 0;
    await expect(readZip(many, lenient, { manifest: null, onInflate: (n) => (seen += n) })).rejects.toMatchObject({
      code: "ZIP_RATIO",
    });
    expect(seen).toBe(0);
    // A real export passes all of it and reads back whole.
    await buildWallet(ada);
    const { zip } = await exportWalletZip(t.db, ada.user.id);
    seen = 0;
    const files = await readZip(zip, DEFAULT_ZIP_LIMITS, { onInflate: (n) => (seen += n) });
    expect(seen).toBe([...files.values()].reduce((n, f) => n + f.byteLength, 0));
  });

  it("runs one restore per learner and a few per server process at once", async () => {
    const payload = ob2Assertion({ id: "https://badges.example.org/assertions/4004" });
    const one = await yazlZip([
      {
        name: "index.json",
        data: Buffer.from(
          JSON.stringify({
            ...JSON.parse(emptyIndex),
            credentials: [pastedEntry(payload)],
          }),
        ),
      },
      { name: "credentials/0001-x.json", data: Buffer.from(payload) },
    ]);
    // Bo's own restore still running: a second one is refused, nothing read.
    const mine = acquireRestoreSlot(bo.user.id);
    const refusedBusy = await inflatedDuring(() =>
      expect(restoreWalletZip(bo, one)).rejects.toMatchObject({ code: "RESTORE_BUSY", expose: true, status: 429 }),
    );
    expect(refusedBusy).toBe(0);
    mine.release();
    // Two other learners' restores running (the default per-process limit): Bo waits too.
    const others = [acquireRestoreSlot("learner-x"), acquireRestoreSlot("learner-y")];
    await expect(restoreWalletZip(bo, one)).rejects.toMatchObject({ code: "RESTORE_BUSY" });
    for (const s of others) s.release();
    // Free again, and a refused or finished restore gives its slot back.
    expect((await restoreWalletZip(bo, one)).added).toBe(1);
    await expect(restoreWalletZip(bo, Buffer.from("not a zip"))).rejects.toMatchObject({ code: "ZIP_INVALID" });
    expect((await restoreWalletZip(bo, one)).alreadyHeld).toBe(1);
  });
});
