// Issue #20 item 2: known-issuer registries that are real — a URL served by a local HTTP
// server on 127.0.0.1 (reached through the SSRF-safe fetcher, its host allowed as
// SASH_ALLOW_FETCH_HOSTS does) and a deployer's own registry file; the last good copy kept in
// the database; a refresh that sees a change re-verifies the affected credentials; a fetch
// failure keeps the database copy; the bundled snapshots only as the last fallback.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { bakePng, noisePng } from "../support/wallet";
import { didKeySigner, LEARNER_EMAIL, ob3Credential, signEddsaRdfc2022, startServer } from "../support/verify";
import { credentials, issuerRegistries, userEmails, users } from "@/db/schema";
import { DEFAULT_REGISTRY_URLS } from "@/lib/badges/verify/registries";
import { createFetcher } from "@/lib/net/fetcher";
import { configuredIssuerRegistries, appFetcher } from "@/server/net";
import {
  DEMO_REGISTRY_FILES,
  loadStoredRegistries,
  refreshRegistries,
  registrySources,
  resetIssuerRegistries,
} from "@/server/trust/registries";
import { refreshAndReverify, reloadAfterTrustChange } from "@/server/trust/refresh";
import { addRegistryFile, addSingleIssuer, removeTrustedIssuer } from "@/server/admin/trusted-issuers";
import { stageFile } from "@/server/wallet/ingest";
import { saveStaged } from "@/server/wallet/saving";
import { parseConfig } from "@/server/config";
import type { WalletContext } from "@/server/wallet/types";
import type { VerificationReport } from "@/lib/badges/verify/types";

let t: TestDb;
let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
let file: string;
let url: string;
const saved = { ...process.env };

const registry = (name: string, entries: Record<string, string>) => ({
  meta: { name, created: "2026-12-05T00:00:00Z" },
  registry: Object.fromEntries(Object.entries(entries).map(([id, n]) => [id, { name: n, location: "Test" }])),
});

beforeAll(async () => {
  t = await createTestDb();
  server = await startServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-registries-"));
  file = path.join(dir, "own-trust-list.json");
  url = `${server.origin}/registry.json`;
  process.env.SASH_ALLOW_FETCH_HOSTS = server.host;
  process.env.SASH_ISSUER_REGISTRIES = `${url},${file}`;
  process.env.SASH_DEMO = "0";
});
afterAll(async () => {
  process.env = saved;
  resetIssuerRegistries();
  await server?.close();
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await t.truncate();
  resetIssuerRegistries();
  server.routes.clear();
});

describe(`known-issuer registries (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("SASH_ISSUER_REGISTRIES takes URLs and file paths; demo registry files only where demo data is on", () => {
    const c = parseConfig({ SASH_ISSUER_REGISTRIES: `https://r.example/a.json, ./trust/own.json`, SASH_DEMO: "0" });
    expect(registrySources(c)).toEqual(["https://r.example/a.json", "./trust/own.json"]);
    expect(registrySources(parseConfig({ SASH_DEMO: "1" }))).toEqual([
      ...DEFAULT_REGISTRY_URLS,
      ...DEMO_REGISTRY_FILES,
    ]);
    expect(registrySources(parseConfig({ SASH_DEMO: "0" }), { extraFiles: ["x.json"] })).toEqual([
      ...DEFAULT_REGISTRY_URLS,
      "x.json",
    ]);
    expect(() => parseConfig({ SASH_ISSUER_REGISTRIES: "ftp://r.example/a.json" })).toThrow(/SASH_ISSUER_REGISTRIES/);
    expect(parseConfig({}).SASH_REGISTRY_REFRESH_HOURS).toBe(24);
    expect(() => parseConfig({ SASH_REGISTRY_REFRESH_HOURS: "never" })).toThrow(/SASH_REGISTRY_REFRESH_HOURS/);
  });

  it("loads a registry served over HTTP and a local file, keeps both in the database, and verification names the registry", async () => {
    const college = await didKeySigner();
    const own = await didKeySigner();
    server.routes.set("/registry.json", {
      body: registry("Harbor Valley Trust List", { [college.did]: "Harbor Valley Community College" }),
    });
    fs.writeFileSync(file, JSON.stringify(registry("Our own trust list", { [own.did]: "Own College" })));
    const load = await refreshRegistries(t.db, { fetcher: appFetcher() });
    expect(load.sources.map((s) => [s.source, s.name, s.from])).toEqual([
      [url, "Harbor Valley Trust List", "network"],
      [file, "Our own trust list", "file"],
    ]);
    const rows = await t.db.select().from(issuerRegistries);
    expect(rows.map((r) => r.source).sort()).toEqual([url, file].sort());

    const registries = await configuredIssuerRegistries();
    expect(registries.lookup(college.did)).toMatchObject({
      name: "Harbor Valley Community College",
      registry: "Harbor Valley Trust List",
    });
    expect(registries.lookup(own.did)).toMatchObject({ registry: "Our own trust list" });
  });

  it("a refresh that sees a change re-verifies the credentials of the issuers it concerns", async () => {
    const [u] = await t.db.insert(users).values({ name: "Ada", email: LEARNER_EMAIL, passwordHash: "x" }).returning();
    await t.db.insert(userEmails).values({ userId: u!.id, email: LEARNER_EMAIL, verifiedAt: new Date() });
    const ctx: WalletContext = { db: t.db, user: { id: u!.id, email: u!.email } };
    const newcomer = await didKeySigner();
    server.routes.set("/registry.json", { body: registry("Harbor Valley Trust List", {}) });
    fs.writeFileSync(file, JSON.stringify(registry("Our own trust list", {})));
    await refreshRegistries(t.db, { fetcher: appFetcher() });

    const signed = await signEddsaRdfc2022(ob3Credential(newcomer.did), newcomer);
    const staged = await stageFile(ctx, bakePng(noisePng(24, 24, 5), JSON.stringify(signed), "openbadgecredential"));
    if (staged.kind !== "draft") throw new Error("expected a draft");
    const { id } = await saveStaged(ctx, staged.draft.uploadId, { title: "Teamwork", description: "", skills: [] });
    const before = async () => (await t.db.select().from(credentials).where(eq(credentials.id, id)))[0]!;
    expect((await before()).verificationResult).toBe("indeterminate"); // key only
    expect(((await before()).verification as VerificationReport).issuer?.tier).toBe("key");

    // The registry now lists the newcomer: one refresh, and its credential is re-verified.
    server.routes.set("/registry.json", {
      body: registry("Harbor Valley Trust List", { [newcomer.did]: "Newcomer College" }),
    });
    const s = await refreshAndReverify(t.db);
    expect(s.load.changedIssuers).toEqual([newcomer.did]);
    expect(s.reverified).toBe(1);
    const after = await before();
    expect(after.verificationResult).toBe("valid");
    const report = after.verification as VerificationReport;
    expect(report.issuer).toMatchObject({ tier: "registry", knownIssuer: { name: "Newcomer College" } });
    expect(report.checks.find((c) => c.id === "issuer")!.message).toMatch(/Known issuer · Harbor Valley Trust List\.$/);

    // Nothing changed: nothing re-verified.
    expect((await refreshAndReverify(t.db)).reverified).toBe(0);
  });

  it("the admin's trusted issuers (/admin, sash admin issuers) are one more registry: a listed key verifies under the admin's name, removing it re-verifies back", async () => {
    const [u] = await t.db.insert(users).values({ name: "Ada", email: LEARNER_EMAIL, passwordHash: "x" }).returning();
    await t.db.insert(userEmails).values({ userId: u!.id, email: LEARNER_EMAIL, verifiedAt: new Date() });
    const ctx: WalletContext = { db: t.db, user: { id: u!.id, email: u!.email } };
    const actor = { id: u!.id, label: "ops@school.example" };
    server.routes.set("/registry.json", { body: registry("Harbor Valley Trust List", {}) });
    fs.writeFileSync(file, JSON.stringify(registry("Our own trust list", {})));
    await refreshRegistries(t.db, { fetcher: appFetcher() });

    const local = await didKeySigner();
    const listedInFile = await didKeySigner();
    const signed = await signEddsaRdfc2022(ob3Credential(local.did), local);
    const staged = await stageFile(ctx, bakePng(noisePng(24, 24, 6), JSON.stringify(signed), "openbadgecredential"));
    if (staged.kind !== "draft") throw new Error("expected a draft");
    const { id } = await saveStaged(ctx, staged.draft.uploadId, { title: "Welding I", description: "", skills: [] });
    const row = async () => (await t.db.select().from(credentials).where(eq(credentials.id, id)))[0]!;
    expect((await row()).verificationResult).toBe("indeterminate"); // key only: nobody vouches yet

    const added = await addSingleIssuer(t.db, actor, local.did, "Riverton Technical College");
    await addRegistryFile(
      t.db,
      actor,
      "partners.json",
      JSON.stringify(registry("Partner colleges", { [listedInFile.did]: "Partner College" })),
    );
    const s = await reloadAfterTrustChange(t.db);
    expect(s.load.changedIssuers.sort()).toEqual([local.did, listedInFile.did].sort());
    expect(s.reverified).toBe(1);
    const after = await row();
    expect(after.verificationResult).toBe("valid");
    const report = after.verification as VerificationReport;
    expect(report.issuer).toMatchObject({ tier: "registry", knownIssuer: { name: "Riverton Technical College" } });
    expect(report.checks.find((c) => c.id === "issuer")!.message).toMatch(
      /Known issuer · This Sash's trusted issuers\.$/,
    );
    expect((await configuredIssuerRegistries()).lookup(listedInFile.did)).toMatchObject({
      registry: "Partner colleges",
    });

    // Removed: the credential is key only again.
    expect(await removeTrustedIssuer(t.db, actor, added.id)).toBe(true);
    expect((await reloadAfterTrustChange(t.db)).reverified).toBe(1);
    expect((await row()).verificationResult).toBe("indeterminate");
  });

  it("a fetch failure keeps the last good database copy (also for a process that starts afterwards)", async () => {
    const college = await didKeySigner();
    server.routes.set("/registry.json", {
      body: registry("Harbor Valley Trust List", { [college.did]: "Harbor Valley Community College" }),
    });
    fs.writeFileSync(file, JSON.stringify(registry("Our own trust list", {})));
    await refreshRegistries(t.db, { fetcher: appFetcher() });

    server.routes.set("/registry.json", { status: 500, body: { error: "down" } });
    const failed = await refreshRegistries(t.db, { fetcher: appFetcher() });
    expect(failed.sources[0]).toMatchObject({ source: url, from: "database", error: "HTTP 500" });
    expect((await configuredIssuerRegistries()).lookup(college.did)?.registry).toBe("Harbor Valley Trust List");

    server.routes.set("/registry.json", { body: "not json" });
    expect((await refreshRegistries(t.db, { fetcher: appFetcher() })).sources[0]!.from).toBe("database");

    // A new process reads the stored copy before its first fetch.
    resetIssuerRegistries();
    const stored = await loadStoredRegistries(t.db);
    expect(stored.sources[0]).toMatchObject({ from: "database" });
    expect((await configuredIssuerRegistries()).lookup(college.did)?.name).toBe("Harbor Valley Community College");
  });

  it("falls back to the bundled snapshot only when neither the network nor the database has a copy", async () => {
    const dcc = DEFAULT_REGISTRY_URLS[0]!;
    const offline = createFetcher({
      lookup: async () => {
        throw new Error("no network here");
      },
    });
    const load = await refreshRegistries(t.db, { fetcher: offline, sources: [dcc, path.join(dir, "missing.json")] });
    expect(load.sources.map((s) => [s.name, s.from])).toEqual([
      ["DCC Registry", "snapshot"],
      ["missing.json", "none"],
    ]);
    expect(load.registries.results.map((r) => r.loaded)).toEqual([true, false]);
    expect(await t.db.select().from(issuerRegistries)).toEqual([]); // a snapshot is never stored as a fetched copy
  });
});
