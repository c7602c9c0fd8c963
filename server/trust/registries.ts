// Known-issuer registries, loaded for real (issue #20 item 2). lib/ never fetches or reads
// files: this module loads the registries and verification receives them (server/net.ts
// configuredIssuerRegistries() → verifyCredential's `registries`).
//
// API (for other server modules; the demo data engineer, issue #24, uses the first two):
//   registrySources(config, { demo?, extraFiles? }) → string[]
//       The sources in use, most authoritative first: SASH_ISSUER_REGISTRIES (http(s) URLs and
//       local file paths; unset: the three DCC registries), then `extraFiles`, then — only where
//       demo data is on (SASH_DEMO, else the embedded-database default, the same rule as
//       server/seed/seed.ts demoEnabled) — DEMO_REGISTRY_FILES.
//   DEMO_REGISTRY_FILES
//       Local registry files used only where demo data is on. The "Sash demo issuers" registry
//       lives at server/seed/registries/sash-demo-issuers.json (a DCC document:
//       { "meta": { "name": "Sash demo issuers" }, "registry": { "<did or URL>": { "name": … } } });
//       until that file exists it is simply reported as not loaded. Paths are relative to the
//       directory Sash runs in (the project root).
//   currentIssuerRegistries() → Promise<IssuerRegistries>
//       What verification uses now. In the server: the copy start-up loaded (database, then the
//       network) and each refresh replaced. Elsewhere (CLI, tests): local files and bundled snapshots.
//   loadStoredRegistries(db) / refreshRegistries(db, { fetcher }) → RegistryLoad
//       Load from the last good database copies (no network), or fetch every source again
//       (URLs through the fetcher given — server/net.ts appFetcher(), SASH_ALLOW_FETCH_HOSTS
//       honoured — and files from disk), keep each good copy in the database, and report which
//       issuer ids now read differently (`changedIssuers`: server/trust/refresh.ts re-verifies them).
//   For each source: a fresh copy, else the last good database copy, else the bundled snapshot
//   (DCC URLs only), else not loaded. A registry's name: the bundled name for DCC URLs, else the
//   document's meta.name, else host and path (or the file name).
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { listStoredRegistries, saveRegistryCopy } from "@/db/queries/issuer-registries";
import type { Fetcher } from "@/lib/badges/types";
import {
  BUNDLED_REGISTRIES,
  DEFAULT_REGISTRY_URLS,
  IssuerRegistries,
  isRegistryDocument,
  isRegistryUrl,
  registryDocumentName,
  registryNameFor,
  registrySnapshotFor,
  type LoadedRegistryDocument,
} from "@/lib/badges/verify/registries";
import { config, driverKindOf, type Config } from "@/server/config";
import { adminRegistrySources, type AdminRegistrySource } from "@/server/admin/trusted-issuers";

/** Registry files used only where demo data is on (see the API note above). */
export const DEMO_REGISTRY_FILES: readonly string[] = [
  path.join("server", "seed", "registries", "sash-demo-issuers.json"),
];

/** A registry file is read up to this size (the fetcher bounds URLs itself). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Demo data on: SASH_DEMO, else the embedded database off Vercel (server/seed/seed.ts demoEnabled). */
function demoOn(c: Config): boolean {
  if (c.SASH_DEMO !== undefined) return c.SASH_DEMO;
  return driverKindOf(c) === "pglite" && !c.VERCEL;
}

/** The registry sources in use, most authoritative first (see the API note above). */
export function registrySources(
  c: Config = config(),
  opts: { demo?: boolean; extraFiles?: readonly string[] } = {},
): string[] {
  const configured = c.SASH_ISSUER_REGISTRIES ?? [...DEFAULT_REGISTRY_URLS];
  const demo = opts.demo ?? demoOn(c);
  return [...new Set([...configured, ...(opts.extraFiles ?? []), ...(demo ? DEMO_REGISTRY_FILES : [])])];
}

/** SHA-256 of a document's JSON with its object keys sorted (the same registry gives the same hash). */
export function registryHash(document: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash("sha256")
    .update(JSON.stringify(canonical(document)))
    .digest("hex");
}

function nameOf(source: string, document: unknown): string {
  if (BUNDLED_REGISTRIES.some((r) => r.url === source)) return registryNameFor(source);
  return registryDocumentName(document) ?? (isRegistryUrl(source) ? registryNameFor(source) : path.basename(source));
}

/** Reads one source now: the DCC document, or why it couldn't be read. */
async function readSource(source: string, fetcher: Fetcher | null): Promise<{ document: unknown } | { error: string }> {
  try {
    let text: string;
    if (isRegistryUrl(source)) {
      if (!fetcher) return { error: "not fetched (offline)" };
      const got = await fetcher(source);
      if (got.status < 200 || got.status >= 300) return { error: `HTTP ${got.status}` };
      text = got.text;
    } else {
      const file = path.resolve(/*turbopackIgnore: true*/ source);
      const stat = await fs.stat(file);
      if (stat.size > MAX_FILE_BYTES) return { error: "the file is too large" };
      text = await fs.readFile(file, "utf8");
    }
    const document = JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
    return isRegistryDocument(document) ? { document } : { error: "not a registry in the DCC format" };
  } catch (e) {
    return { error: (e as Error)?.message ?? String(e) };
  }
}

export interface RegistryLoad {
  registries: IssuerRegistries;
  /** Per source: where its copy came from, and why a fresh copy couldn't be had. */
  sources: Array<{ source: string; name: string; from: LoadedRegistryDocument["source"] | "none"; error?: string }>;
  /** Issuer ids whose registry entry (which registry lists them, under what name) changed with this load. */
  changedIssuers: string[];
}

interface State {
  key: string;
  registries: IssuerRegistries;
  documents: LoadedRegistryDocument[];
}

// One state per process, shared by every bundle Next.js loads this module into.
const g = globalThis as unknown as { __sashIssuerRegistries?: State; __sashIssuerRegistriesOffline?: Promise<State> };

/** Every issuer id any of the documents lists. */
function listedIds(documents: readonly LoadedRegistryDocument[]): Set<string> {
  const ids = new Set<string>();
  for (const d of documents) {
    const map = (d.document as { registry?: Record<string, unknown> } | null)?.registry;
    if (map && typeof map === "object") for (const id of Object.keys(map)) ids.add(id);
  }
  return ids;
}

/** The issuer ids whose look-up differs between two loads. */
function changedBetween(before: State | undefined, after: State): string[] {
  if (!before) return [];
  const ids = new Set([...listedIds(before.documents), ...listedIds(after.documents)]);
  return [...ids].filter(
    (id) => JSON.stringify(before.registries.lookup(id)) !== JSON.stringify(after.registries.lookup(id)),
  );
}

type Pick = (
  source: string,
) => Promise<{ document: unknown; from: LoadedRegistryDocument["source"]; error?: string } | { error: string }>;

async function build(
  sources: readonly string[],
  pick: Pick,
  admin: readonly AdminRegistrySource[] = [],
): Promise<{ state: State; load: Omit<RegistryLoad, "changedIssuers"> }> {
  // The admin's own trusted issuers (/admin, `sash admin issuers`) come after the configured
  // registries: an uploaded document or the single issuers as they are, a registry URL like any other.
  const adminPick: (a: AdminRegistrySource) => ReturnType<Pick> = async (a) =>
    a.document !== undefined ? { document: a.document, from: "database" } : pick(a.url);
  const picked = [...(await Promise.all(sources.map(pick))), ...(await Promise.all(admin.map(adminPick)))];
  const names = [
    ...sources.map((source) => ({ source, admin: undefined })),
    ...admin.map((a) => ({ source: a.url, admin: a })),
  ];
  const documents: LoadedRegistryDocument[] = [];
  const report: RegistryLoad["sources"] = [];
  names.forEach(({ source, admin: a }, i) => {
    const p = picked[i]!;
    if ("document" in p) {
      const name = a ? a.name : nameOf(source, p.document);
      documents.push({ name, url: source, document: p.document, source: p.from });
      report.push({ source, name, from: p.from, ...(p.error ? { error: p.error } : {}) });
    } else {
      const name = a ? a.name : nameOf(source, null);
      documents.push({ name, url: source, document: null, source: "network" });
      report.push({ source, name, from: "none", error: p.error });
    }
  });
  const registries = await IssuerRegistries.fromDocuments(documents);
  documentsOf.set(registries, documents);
  return { state: { key: sources.join("\n"), registries, documents }, load: { registries, sources: report } };
}

function fallback(
  source: string,
  error: string,
): { document: unknown; from: "snapshot"; error: string } | { error: string } {
  const snapshot = registrySnapshotFor(source);
  return snapshot === null ? { error } : { document: snapshot, from: "snapshot", error };
}

function install(state: State): string[] {
  const changed = changedBetween(
    g.__sashIssuerRegistries?.key === state.key ? g.__sashIssuerRegistries : undefined,
    state,
  );
  g.__sashIssuerRegistries = state;
  return changed;
}

/**
 * The last good copies from the database (no network), local files read now, and bundled
 * snapshots for the rest; becomes what verification uses. Start-up calls it before the first fetch.
 */
export async function loadStoredRegistries(
  db: Db,
  sources: readonly string[] = registrySources(),
): Promise<RegistryLoad> {
  const admin = await adminRegistrySources(db);
  const urls = [...sources, ...admin.filter((a) => a.document === undefined).map((a) => a.url)];
  const stored = new Map((await listStoredRegistries(db, urls)).map((r) => [r.source, r]));
  const { state, load } = await build(
    sources,
    async (source) => {
      const copy = stored.get(source);
      if (!isRegistryUrl(source)) {
        const fresh = await readSource(source, null);
        if ("document" in fresh) return { document: fresh.document, from: "file" };
        if (copy) return { document: copy.document, from: "database", error: fresh.error };
        return fallback(source, fresh.error);
      }
      if (copy) return { document: copy.document, from: "database" };
      return fallback(source, "not fetched yet");
    },
    admin,
  );
  return { ...load, changedIssuers: install(state) };
}

/**
 * Reads every source again (URLs through `fetcher`, files from disk), keeps each good copy in the
 * database, falls back to the last good copy (then the bundled snapshot) for a source that
 * fails, and installs the result. `changedIssuers`: ids whose entries changed since the last load.
 */
export async function refreshRegistries(
  db: Db,
  opts: { fetcher: Fetcher; sources?: readonly string[]; now?: Date },
): Promise<RegistryLoad> {
  const sources = opts.sources ?? registrySources();
  const at = opts.now ?? new Date();
  const admin = await adminRegistrySources(db);
  const urls = [...sources, ...admin.filter((a) => a.document === undefined).map((a) => a.url)];
  const stored = new Map((await listStoredRegistries(db, urls)).map((r) => [r.source, r]));
  const { state, load } = await build(
    sources,
    async (source) => {
      const fresh = await readSource(source, opts.fetcher);
      if ("document" in fresh) {
        await saveRegistryCopy(db, {
          source,
          name: nameOf(source, fresh.document),
          document: fresh.document,
          sha256: registryHash(fresh.document),
          at,
        });
        return { document: fresh.document, from: isRegistryUrl(source) ? "network" : "file" };
      }
      const copy = stored.get(source);
      if (copy) return { document: copy.document, from: "database", error: fresh.error };
      return fallback(source, fresh.error);
    },
    admin,
  );
  return { ...load, changedIssuers: install(state) };
}

// On globalThis like the registries themselves: Next bundles each route and action with its own copy
// of this module, and a map per copy made registries loaded at start-up unknown to the request's copy,
// so every verification fell back to the request thread (issue #23 §3).
const gd = globalThis as unknown as { __sashRegistryDocuments?: WeakMap<IssuerRegistries, LoadedRegistryDocument[]> };
const documentsOf = (gd.__sashRegistryDocuments ??= new WeakMap<IssuerRegistries, LoadedRegistryDocument[]>());

/** The documents a set of registries loaded here was built from (the worker pool sends them to its threads), else null. */
export function registryDocumentsOf(registries: IssuerRegistries): LoadedRegistryDocument[] | null {
  return documentsOf.get(registries) ?? null;
}

/** What verification uses now (see the API note above). */
export async function currentIssuerRegistries(c: Config = config()): Promise<IssuerRegistries> {
  const sources = registrySources(c);
  const key = sources.join("\n");
  const loaded = g.__sashIssuerRegistries;
  if (loaded?.key === key) return loaded.registries;
  // Not loaded in this process (the CLI, a test, before start-up): local files and bundled snapshots.
  let offline = g.__sashIssuerRegistriesOffline;
  if (!offline || (await offline).key !== key) {
    offline = build(sources, async (source) => {
      if (isRegistryUrl(source)) return fallback(source, "not fetched in this process");
      const fresh = await readSource(source, null);
      return "document" in fresh ? { document: fresh.document, from: "file" as const } : { error: fresh.error };
    }).then((b) => b.state);
    g.__sashIssuerRegistriesOffline = offline;
  }
  return (await offline).registries;
}

/** Forgets what this process loaded (tests). */
export function resetIssuerRegistries(): void {
  delete g.__sashIssuerRegistries;
  delete g.__sashIssuerRegistriesOffline;
}
