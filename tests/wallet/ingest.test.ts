// The one import path (issue #19 §1) on a real database: the same bytes through
// every door — a file upload, a paste, a web address and a "Download everything"
// restore — give the same parsed result and the same saved row; a learner
// record's (CLR's) row is built by one builder held to MAX_DESCRIPTION; and an
// uploaded file's container is sniffed exactly once (counted on the real
// sniffContainer, which stays the real one: the spy only counts the calls).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { startServer, type TestServer } from "../support/net";
import { bakedOb2, noisePng, ob2Assertion } from "../support/wallet";
import { clrAchievement, signedClr } from "../support/clr";
import { credentials, credentialUploads, learnerRecords, users } from "@/db/schema";
import { getCredential, type CredentialDetail } from "@/db/queries/credentials";
import { getLearnerRecord } from "@/db/queries/learner-records";
import { sniffContainer } from "@/lib/badges/sniff";
import { readCredential, type Ingested } from "@/lib/badges/ingest";
import type { ParsedCredential } from "@/lib/badges/types";
import { createFetcher } from "@/lib/net/fetcher";
import { readZip, writeZip } from "@/lib/portfolio/zip";
import { MAX_DESCRIPTION } from "@/lib/wallet/rules";
import type { StageResult, WalletContext } from "@/server/wallet/types";
import { stageFile, stageText } from "@/server/wallet/ingest";
import { saveStaged } from "@/server/wallet/saving";
import { learnerRecordRow } from "@/server/wallet/ingest";
import { saveStagedImport } from "@/server/wallet/records";
import { exportWalletZip } from "@/server/portfolio/export";
import { restoreWalletZip } from "@/server/portfolio/restore";

vi.mock("@/lib/badges/sniff", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/badges/sniff")>();
  return { ...real, sniffContainer: vi.fn(real.sniffContainer) };
});
const sniffs = vi.mocked(sniffContainer);

let t: TestDb;
let server: TestServer;
let hosted: string;

beforeAll(async () => {
  t = await createTestDb();
  server = await startServer({
    "/assertions/1": (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(hosted);
    },
  });
  hosted = ob2Assertion({ id: `${server.origin}/assertions/1`, title: "Data Basics", skills: ["SQL", "Zorblax"] });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
});

async function learner(name: string): Promise<WalletContext> {
  const email = `${name.toLowerCase()}@example.org`;
  const [u] = await t.db.insert(users).values({ name, email, passwordHash: "x" }).returning();
  return { db: t.db, user: { id: u!.id, email: u!.email } };
}

const fetcher = () => createFetcher({ allowHosts: [new URL(server.origin).host] });

function draftOf(r: StageResult) {
  if (r.kind !== "draft") throw new Error(`expected a draft, got ${r.kind}`);
  return r.draft;
}

/** What a credential is, without what differs by door by design (ids, origin, links, times, the stored payload). */
function sameness(c: CredentialDetail | null) {
  expect(c).not.toBeNull();
  const {
    id: _id,
    origin: _origin,
    shareSlug: _slug,
    createdAt: _created,
    updatedAt: _updated,
    verifiedAt: _verifiedAt,
    verification,
    record: _record,
    raw: _raw,
    file: _file,
    partOf,
    ...rest
  } = c!;
  return withoutTimes({
    ...rest,
    partOf: partOf?.title ?? null,
    checks: verification?.checks.map((k) => [k.id, k.status]),
  });
}

/** Drops the times a check ran at (anywhere in the value); everything else must match. */
function withoutTimes<T>(v: T): T {
  return JSON.parse(JSON.stringify(v, (k, x) => (k === "checkedAt" ? undefined : x)));
}

/** The parsed credential, without what says how it travelled (the raw text, its encoding, fetched documents). */
function parsed(i: Ingested) {
  const { raw: _raw, source: _source, documents: _documents, unresolved: _unresolved, ...rest } = i.record!;
  return { kind: i.kind, format: i.format, record: rest };
}

describe(`one import path (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("reads the same credential from a .json upload, a paste and its web address", async () => {
    const bytes = new TextEncoder().encode(hosted);
    const file = await readCredential({ bytes });
    const paste = await readCredential({ text: `\n ${hosted} \n` });
    const url = await readCredential({ text: `${server.origin}/assertions/1` }, { fetcher: fetcher() });
    expect([file.container, paste.container, url.container]).toEqual(["json", "json", "text"]);
    expect(file.mimeType).toBe("application/json");
    expect(url.isAddress).toBe(true);
    expect(file.record).toEqual(paste.record);
    expect(parsed(url)).toEqual(parsed(file));
    expect(parsed(file)).toMatchObject({ kind: "credential", format: "ob2", record: { title: "Data Basics" } });
  });

  it("saves the same row whether the bytes came by upload, paste, web address or ZIP restore", async () => {
    const [up, pa, ur, re] = await Promise.all(["Uma", "Pat", "Ula", "Rey"].map(learner));
    const edits = { title: "Data Basics", description: "Mine.", skills: [] };
    const saveThrough = async (c: WalletContext, staged: StageResult) =>
      (await saveStaged(c, draftOf(staged).uploadId, { ...edits, skills: draftOf(staged).skills })).id;

    const viaUpload = await saveThrough(up!, await stageFile(up!, new TextEncoder().encode(hosted)));
    const viaPaste = await saveThrough(pa!, await stageText(pa!, hosted));
    // Staged through the fetcher; checked offline like the others, so every report is made alike.
    const viaUrl = await saveThrough(
      ur!,
      await stageText({ ...ur!, fetcher: fetcher() }, `${server.origin}/assertions/1`),
    );
    const { zip } = await exportWalletZip(t.db, pa!.user.id);
    expect((await restoreWalletZip(re!, zip)).added).toBe(1);
    const [restored] = await t.db
      .select({ id: credentials.id })
      .from(credentials)
      .where(sql`user_id = ${re!.user.id}`);

    const rows = {
      upload: await getCredential(t.db, up!.user.id, viaUpload),
      paste: await getCredential(t.db, pa!.user.id, viaPaste),
      url: await getCredential(t.db, ur!.user.id, viaUrl),
      restore: await getCredential(t.db, re!.user.id, restored!.id),
    };
    expect(rows.upload).toMatchObject({ spec: "ob2", issuerName: "Example Community College", title: "Data Basics" });
    expect(sameness(rows.paste)).toEqual(sameness(rows.upload));
    expect(sameness(rows.url)).toEqual(sameness(rows.upload));
    expect(sameness(rows.restore)).toEqual(sameness(rows.upload));
    // The stored payload itself is the same bytes for every door that had them (the web address keeps its URL).
    expect(rows.paste?.raw).toBe(hosted);
    expect(rows.upload?.raw).toBe(hosted);
    expect(rows.restore?.raw).toBe(hosted);
    expect([rows.upload?.origin, rows.paste?.origin, rows.url?.origin, rows.restore?.origin]).toEqual([
      "upload",
      "paste",
      "url",
      "paste",
    ]);
  });

  it("files a CLR the same way by upload, paste and ZIP restore (one row builder)", async () => {
    const { clr } = await signedClr({
      count: 2,
      achievements: [clrAchievement("https://example.edu/achievements/program", "Data Program", "Certificate")],
    });
    const text = JSON.stringify(clr);
    const [up, pa, re] = await Promise.all(["Uma", "Pat", "Rey"].map(learner));
    const save = async (c: WalletContext, staged: StageResult) => {
      const s = await saveStagedImport(c, draftOf(staged).uploadId, {
        title: "My transcript",
        description: "Kept.",
        skills: [],
      });
      if (s.kind !== "record") throw new Error("expected a learner record");
      return s.id;
    };
    const viaUpload = await save(up!, await stageFile(up!, new TextEncoder().encode(text)));
    const viaPaste = await save(pa!, await stageText(pa!, text));
    const { zip } = await exportWalletZip(t.db, up!.user.id);
    expect((await restoreWalletZip(re!, zip)).learnerRecords).toBe(1);
    const [restored] = await t.db
      .select({ id: learnerRecords.id })
      .from(learnerRecords)
      .where(sql`user_id = ${re!.user.id}`);

    const strip = async (userId: string, id: string) => {
      const r = await getLearnerRecord(t.db, userId, id);
      expect(r).not.toBeNull();
      const { id: _id, createdAt: _c, origin: _o, file: _f, verifiedAt: _v, verification, credentials, ...rest } = r!;
      return {
        ...withoutTimes(rest),
        checks: verification?.checks.map((k) => [k.id, k.status]),
        credentials: await Promise.all(credentials.map(async (c) => sameness(await getCredential(t.db, userId, c.id)))),
      };
    };
    const a = await strip(up!.user.id, viaUpload);
    expect(a).toMatchObject({ title: "My transcript", description: "Kept.", credentialCount: 2 });
    expect(await strip(pa!.user.id, viaPaste)).toEqual(a);
    expect(await strip(re!.user.id, restored!.id)).toEqual(a);
  });
});

describe("the learner record row", () => {
  function clrRecord(description: string, nestedDescription: string): ParsedCredential {
    const nested = { spec: "ob3", title: "Course 1", description: nestedDescription, raw: "{}" } as ParsedCredential;
    return {
      spec: "clr2",
      title: "Transcript",
      description,
      raw: "{}",
      credentials: [nested],
      clr: { achievements: [], associations: [] },
    } as unknown as ParsedCredential;
  }

  it("holds the record's and each nested credential's description to MAX_DESCRIPTION, and names the untitled", () => {
    const long = "x".repeat(MAX_DESCRIPTION + 5_000);
    const row = learnerRecordRow(clrRecord(long, long), {
      origin: "paste",
      title: "   ",
      description: long,
      verification: null,
      file: null,
      nested: () => ({ verification: null, skills: [] }),
    });
    expect(row.description).toHaveLength(MAX_DESCRIPTION);
    expect(row.credentials[0]!.description).toHaveLength(MAX_DESCRIPTION);
    expect(row.title).toBe("Untitled achievement");
    expect(row.credentials[0]!.title).toBe("Course 1");
  });

  it("a restored record's description is held to MAX_DESCRIPTION too (the restore had its own slice(0, 10_000))", async () => {
    const [ada, bo] = [await learner("Ada"), await learner("Bo")];
    const { clr } = await signedClr({ count: 1 });
    const staged = draftOf(await stageText(ada, JSON.stringify(clr)));
    await saveStagedImport(ada, staged.uploadId, { title: "Transcript", description: "", skills: [] });
    const { zip } = await exportWalletZip(t.db, ada.user.id);
    const files = await readZip(zip);
    const index = JSON.parse(new TextDecoder().decode(files.get("index.json")!));
    // As long as an index may hold (20,000 characters): longer than the form's limit and the old hard-coded one.
    index.learnerRecords[0].description = "y".repeat(20_000);
    files.set("index.json", new TextEncoder().encode(JSON.stringify(index)));
    const edited = await writeZip([...files].map(([path, bytes]) => ({ path, bytes })));
    await restoreWalletZip(bo, edited);
    const [row] = await t.db
      .select({ description: learnerRecords.description })
      .from(learnerRecords)
      .where(sql`user_id = ${bo.user.id}`);
    expect(row!.description).toHaveLength(MAX_DESCRIPTION);
  });
});

describe("the container is sniffed once per file", () => {
  it("once for a baked PNG upload, whose staged copy is stored under the container read then", async () => {
    const ada = await learner("Ada");
    sniffs.mockClear();
    const draft = draftOf(await stageFile(ada, bakedOb2()));
    expect(sniffs).toHaveBeenCalledTimes(1);
    expect(draft.mode).toBe("badge");
    const [staged] = await t.db.select({ mime: credentialUploads.mimeType }).from(credentialUploads);
    expect(staged!.mime).toBe("image/png");
  });

  it("once for an image without badge data, an SVG, and a .json file", async () => {
    const ada = await learner("Ada");
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org" width="1" height="1">` +
      `<openbadges:assertion verify="https://badges.example.org/assertions/7"><![CDATA[` +
      ob2Assertion({ id: "https://badges.example.org/assertions/7" }) +
      `]]></openbadges:assertion></svg>`;
    for (const bytes of [noisePng(8, 8, 3), new TextEncoder().encode(svg), new TextEncoder().encode(hosted)]) {
      sniffs.mockClear();
      await stageFile(ada, bytes);
      expect(sniffs).toHaveBeenCalledTimes(1);
    }
  });

  it("once for each file of a restored ZIP (no second look for its type or its picture)", async () => {
    const [ada, bo] = [await learner("Ada"), await learner("Bo")];
    const baked = draftOf(await stageFile(ada, bakedOb2()));
    await saveStaged(ada, baked.uploadId, { title: "Data Basics", description: "", skills: [] });
    const picture = draftOf(await stageFile(ada, noisePng(10, 10, 5)));
    await saveStaged(ada, picture.uploadId, { title: "A photo", description: "", skills: [] });
    const { zip } = await exportWalletZip(t.db, ada.user.id);
    sniffs.mockClear();
    expect((await restoreWalletZip(bo, zip)).added).toBe(2);
    expect(sniffs).toHaveBeenCalledTimes(2);
  });
});
