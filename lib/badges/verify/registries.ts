// Known issuers (issue #11): is the credential's issuer listed in a known-issuer
// registry in the Digital Credentials Consortium format? Uses the data model of
// @digitalcredentials/issuer-registry-client (RegistryClient, DidMapRegistry,
// DidMapRegistryEntry, first registry wins). Its own `load()` fetches with its
// own HTTP client, which would bypass Sash's SSRF-safe fetcher, so documents
// come from the bundled snapshots (registries/README.md) or through an
// injected Fetcher instead. Being listed is information, never a requirement.
import {
  DidMapRegistry,
  DidMapRegistryEntry,
  RegistryClient,
  type LoadResult,
} from "@digitalcredentials/issuer-registry-client";
import type { Fetcher } from "../types";
import { isObject, type Json } from "./util";
import dccRegistry from "./registries/dcc-registry.json";
import dccPilotRegistry from "./registries/dcc-pilot-registry.json";
import dccCommunityRegistry from "./registries/dcc-community-registry.json";
import dccSandboxRegistry from "./registries/dcc-sandbox-registry.json";

export interface RegistrySnapshot {
  name: string;
  url: string;
  document: unknown;
}

const BASE = "https://digitalcredentials.github.io";

/** Every bundled snapshot, keyed by the URL the registry is published at. */
export const BUNDLED_REGISTRIES: readonly RegistrySnapshot[] = [
  { name: "DCC Registry", url: `${BASE}/dcc-registry/registry.json`, document: dccRegistry },
  { name: "DCC Pilot Registry", url: `${BASE}/issuer-registry/registry.json`, document: dccPilotRegistry },
  { name: "DCC Community Registry", url: `${BASE}/community-registry/registry.json`, document: dccCommunityRegistry },
  { name: "DCC Sandbox Registry", url: `${BASE}/sandbox-registry/registry.json`, document: dccSandboxRegistry },
];

/** Used when SASH_ISSUER_REGISTRIES is unset (most authoritative first; the sandbox is left out). */
export const DEFAULT_REGISTRY_URLS: readonly string[] = BUNDLED_REGISTRIES.slice(0, 3).map((r) => r.url);

/** A registry source is a URL (fetched) or a local file path (a deployer's own trust list). */
export function isRegistryUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * Parses a SASH_ISSUER_REGISTRIES value (server/config.ts): comma-separated http(s) URLs and
 * local file paths, most authoritative first, order kept, duplicates dropped.
 */
export function registryUrlsFromEnv(value: string | undefined): string[] {
  if (value === undefined || value.trim() === "") return [...DEFAULT_REGISTRY_URLS];
  return [
    ...new Set(
      value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "" && (isRegistryUrl(s) || !s.includes("://"))),
    ),
  ];
}

export interface KnownIssuer {
  /** Name of the (first, most authoritative) registry that lists the issuer. */
  registry: string;
  /** The issuer's name as the registry gives it. */
  name: string;
  url: string | null;
  location: string | null;
  /** Every configured registry that lists the issuer, in configured order. */
  registries: string[];
}

/** The registry document's DID map, or null when it isn't in the DCC format. */
function didMapOf(document: unknown): Record<string, Json> | null {
  if (!isObject(document) || !isObject(document.registry)) return null;
  const out: Record<string, Json> = {};
  for (const [did, entry] of Object.entries(document.registry)) {
    if (isObject(entry) && typeof entry.name === "string") out[did] = entry;
  }
  return out;
}

/** A RegistryClient whose `load()` reads documents through a loader instead of its own HTTP client. */
class LoaderRegistryClient extends RegistryClient {
  constructor(private readonly loader: (url: string) => Promise<unknown>) {
    super();
  }

  override async load({ config }: { config: Array<{ name: string; url: string }> }): Promise<LoadResult[]> {
    this.didMap = new Map();
    const documents = await Promise.all(
      config.map(async (c) => {
        try {
          return await this.loader(c.url);
        } catch (error) {
          return { error };
        }
      }),
    );
    this.registries = [];
    const results: LoadResult[] = [];
    // Sequential on purpose: with a DID in several registries, the first configured one wins.
    config.forEach((c, i) => {
      const map = didMapOf(documents[i]);
      if (!map) {
        const error =
          isObject(documents[i]) && "error" in documents[i]!
            ? (documents[i] as { error: unknown }).error
            : "not a DCC registry document";
        results.push({ name: c.name, url: c.url, loaded: false, error });
        return;
      }
      const registry = new DidMapRegistry({ name: c.name, url: c.url, rawContents: map as never });
      this.registries!.push(registry);
      for (const [did, raw] of Object.entries(map)) {
        const existing = this.didMap.get(did);
        if (existing) existing.inRegistries?.add(registry);
        else {
          const entry = new DidMapRegistryEntry({
            name: String(raw.name),
            url: String(raw.url ?? ""),
            location: String(raw.location ?? ""),
          });
          entry.inRegistries?.add(registry);
          this.didMap.set(did, entry);
        }
      }
      results.push({ name: c.name, url: c.url, loaded: true });
    });
    return results;
  }
}

/**
 * Where a registry document came from: fetched (`network`), read from a local file (`file`),
 * the last good copy kept in the database (`database`), a bundled snapshot, or not loaded.
 */
export type RegistrySource = "network" | "file" | "database" | "snapshot" | "none";

/** A registry document already in hand (server/trust/registries.ts loads them). */
export interface LoadedRegistryDocument {
  name: string;
  /** The URL or file path the registry was configured as. */
  url: string;
  /** The DCC document, or null when it couldn't be loaded from anywhere. */
  document: unknown;
  source: Exclude<RegistrySource, "none">;
}

/** A registry's own name, when its document gives one (`meta.name`), else null. */
export function registryDocumentName(document: unknown): string | null {
  if (!isObject(document) || !isObject(document.meta)) return null;
  const name = document.meta.name;
  return typeof name === "string" && name.trim() ? name.trim().slice(0, 200) : null;
}

/** Is `document` a registry in the DCC format (`{ registry: { <DID or URL>: { name, … } } }`)? */
export function isRegistryDocument(document: unknown): boolean {
  return didMapOf(document) !== null;
}

export class IssuerRegistries {
  private constructor(
    private readonly client: RegistryClient,
    /** How each configured registry was loaded. */
    readonly results: ReadonlyArray<LoadResult & { source: RegistrySource }>,
  ) {}

  /**
   * Registries from documents already loaded (no I/O), in the given order (first wins);
   * a null or non-DCC document is reported as not loaded.
   */
  static fromDocuments(documents: readonly LoadedRegistryDocument[]): Promise<IssuerRegistries> {
    const byUrl = new Map(documents.map((d) => [d.url, d]));
    return IssuerRegistries.load(
      documents.map((d) => ({ name: d.name, url: d.url })),
      async (url) => {
        const d = byUrl.get(url);
        if (!d || d.document === null) throw new Error("the registry couldn't be loaded");
        return { document: d.document, source: d.source };
      },
    );
  }

  /** Loads registries through `loader`; `source` tells where each document came from. */
  static async load(
    config: Array<{ name: string; url: string }>,
    loader: (url: string) => Promise<{ document: unknown; source: Exclude<RegistrySource, "none"> }>,
  ): Promise<IssuerRegistries> {
    const sources = new Map<string, Exclude<RegistrySource, "none">>();
    const client = new LoaderRegistryClient(async (url) => {
      const got = await loader(url);
      sources.set(url, got.source);
      return got.document;
    });
    const loaded = await client.load({ config });
    return new IssuerRegistries(
      client,
      loaded.map((r) => ({ ...r, source: r.loaded ? (sources.get(r.url) ?? "none") : "none" })),
    );
  }

  /** The issuer's entry, or null when no configured registry lists it. */
  lookup(issuerId: string | null): KnownIssuer | null {
    if (!issuerId) return null;
    const entry = this.client.didEntry(issuerId);
    if (!entry) return null;
    const registries = [...(entry.inRegistries ?? [])].map((r) => r.name);
    return {
      registry: registries[0] ?? "",
      name: entry.name,
      url: entry.url || null,
      location: entry.location || null,
      registries,
    };
  }
}

/** The name a configured registry is shown under: its bundled name, else its host and path (or file path). */
export function registryNameFor(url: string): string {
  const bundled = BUNDLED_REGISTRIES.find((r) => r.url === url);
  if (bundled) return bundled.name;
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}

/** The bundled snapshot of a registry URL, or null. */
export function registrySnapshotFor(url: string): unknown | null {
  return BUNDLED_REGISTRIES.find((r) => r.url === url)?.document ?? null;
}

let bundledPromise: { key: string; value: Promise<IssuerRegistries> } | null = null;

/**
 * The given registries (server/net.ts: SASH_ISSUER_REGISTRIES; default: the DCC ones)
 * from the bundled snapshots only; URLs without a snapshot are reported as not
 * loaded. No network. Cached per configuration.
 */
export function bundledIssuerRegistries(urls: readonly string[] = DEFAULT_REGISTRY_URLS): Promise<IssuerRegistries> {
  const key = urls.join(",");
  if (!bundledPromise || bundledPromise.key !== key) {
    bundledPromise = {
      key,
      value: IssuerRegistries.load(
        urls.map((url) => ({ name: registryNameFor(url), url })),
        async (url) => {
          const document = registrySnapshotFor(url);
          if (document === null) throw new Error("no bundled snapshot of this registry");
          return { document, source: "snapshot" };
        },
      ),
    };
  }
  return bundledPromise.value;
}

/**
 * Fresh registries fetched through `fetcher` (the SSRF-safe one), each falling
 * back to its bundled snapshot when it can't be fetched or isn't a DCC registry.
 */
export async function loadIssuerRegistries(options: {
  fetcher: Fetcher;
  urls?: readonly string[];
}): Promise<IssuerRegistries> {
  const urls = options.urls ?? DEFAULT_REGISTRY_URLS;
  return IssuerRegistries.load(
    urls.map((url) => ({ name: registryNameFor(url), url })),
    async (url) => {
      try {
        const doc = await options.fetcher(url);
        if (doc.status >= 200 && doc.status < 300) {
          const parsed = JSON.parse(doc.text.replace(/^\uFEFF/, "")) as unknown;
          if (didMapOf(parsed)) return { document: parsed, source: "network" };
        }
      } catch {
        // fall through to the snapshot
      }
      const document = registrySnapshotFor(url);
      if (document === null) throw new Error("the registry couldn't be fetched and has no bundled snapshot");
      return { document, source: "snapshot" };
    },
  );
}
