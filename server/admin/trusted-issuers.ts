// The deployment's own trusted issuers (issue #21 §4), added by an admin on /admin or `sash admin issuers …`:
//   registry-url   a registry in the DCC format at an http(s) URL (loaded like SASH_ISSUER_REGISTRIES' URLs)
//   registry-file  an uploaded registry document in the DCC format ({ "registry": { "<did>": { "name", … } } })
//   issuer         one issuer: a DID or an https URL id, with a name
// adminRegistrySources() hands them to the registry loader as one more source, after the configured
// registries: every uploaded document and URL as itself, and the single issuers as one registry
// document named ADMIN_REGISTRY_NAME, so a listed issuer shows as "Known issuer · <that name>".
import type { Db } from "@/db/client";
import {
  deleteTrustedIssuer,
  insertTrustedIssuer,
  listTrustedIssuers,
  type TrustedIssuerRow,
} from "@/db/queries/admin";
import { AppError } from "@/lib/errors";
import { toSingleLine } from "@/lib/wallet/rules";
import { audit, type Actor } from "./audit";

export type { TrustedIssuerRow };

export const ADMIN_REGISTRY_NAME = "This Sash's trusted issuers";
/** The pseudo-URL naming the single issuers' registry (never fetched). */
export const ADMIN_REGISTRY_URL = "sash-admin:issuers";

/** One registry source for the loader: a URL to load, or a document already at hand. */
export interface AdminRegistrySource {
  name: string;
  url: string;
  /** Present for uploaded files and the single issuers; absent: load `url`. */
  document?: unknown;
}

function invalid(message: string): AppError {
  return new AppError("TRUSTED_ISSUER_INVALID", message, { expose: true, status: 400 });
}

function cleanName(name: string | undefined, fallback?: string): string {
  const n = toSingleLine(name ?? "", 200).trim();
  if (n) return n;
  if (fallback) return fallback;
  throw invalid("Give the issuer a name.");
}

function httpUrl(v: string): string {
  const s = v.trim();
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw invalid("Enter the registry's address as an http:// or https:// URL.");
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw invalid("Enter the registry's address as an http:// or https:// URL.");
  return u.toString();
}

/** Whether a document is a registry in the DCC format (an object `registry` of DIDs to entries with a name). */
export function isDccRegistry(doc: unknown): boolean {
  if (!doc || typeof doc !== "object") return false;
  const reg = (doc as { registry?: unknown }).registry;
  if (!reg || typeof reg !== "object" || Array.isArray(reg)) return false;
  const entries = Object.values(reg as Record<string, unknown>);
  return (
    entries.length > 0 &&
    entries.every((e) => !!e && typeof e === "object" && typeof (e as { name?: unknown }).name === "string")
  );
}

export async function addRegistryUrl(db: Db, actor: Actor, url: string, name?: string): Promise<TrustedIssuerRow> {
  const u = httpUrl(url);
  const row = await insertTrustedIssuer(
    db,
    { kind: "registry-url", name: cleanName(name, new URL(u).host + new URL(u).pathname), url: u },
    actor.id,
  );
  await audit(db, actor, "issuers.add-registry", `Added the registry ${row.name} (${u})`, { detail: { id: row.id } });
  return row;
}

export async function addRegistryFile(
  db: Db,
  actor: Actor,
  fileName: string,
  content: string,
  name?: string,
): Promise<TrustedIssuerRow> {
  let doc: unknown;
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ""));
  } catch {
    throw invalid(`${fileName} isn't JSON. Upload a registry in the DCC format.`);
  }
  if (!isDccRegistry(doc))
    throw invalid(`${fileName} isn't a registry in the DCC format ({"registry": {"<did>": {"name": …}}}).`);
  const metaName = (doc as { meta?: { name?: unknown } }).meta?.name;
  const row = await insertTrustedIssuer(
    db,
    {
      kind: "registry-file",
      name: cleanName(name, typeof metaName === "string" && metaName.trim() ? metaName : fileName),
      document: doc,
    },
    actor.id,
  );
  const count = Object.keys((doc as { registry: object }).registry).length;
  await audit(
    db,
    actor,
    "issuers.add-registry-file",
    `Added the registry ${row.name} from ${fileName} (${count} issuers)`,
    {
      detail: { id: row.id, issuers: count },
    },
  );
  return row;
}

export async function addSingleIssuer(db: Db, actor: Actor, issuerId: string, name: string): Promise<TrustedIssuerRow> {
  const id = issuerId.trim();
  if (!/^did:[a-z0-9]+:\S+$/i.test(id) && !/^https?:\/\/\S+$/i.test(id))
    throw invalid("Enter the issuer as a DID (did:…) or its http(s) address.");
  const row = await insertTrustedIssuer(
    db,
    { kind: "issuer", name: cleanName(name), issuerId: id.slice(0, 2000) },
    actor.id,
  );
  await audit(db, actor, "issuers.add", `Added the trusted issuer ${row.name} (${row.issuerId})`, {
    detail: { id: row.id },
  });
  return row;
}

export async function removeTrustedIssuer(db: Db, actor: Actor, id: string): Promise<boolean> {
  const row = await deleteTrustedIssuer(db, id);
  if (!row) return false;
  await audit(db, actor, "issuers.remove", `Removed the trusted issuer or registry ${row.name}`, { detail: { id } });
  return true;
}

export async function trustedIssuers(db: Db): Promise<TrustedIssuerRow[]> {
  return listTrustedIssuers(db);
}

/** The admin's trusted issuers as registry sources, for the registry loader (in the order added). */
export async function adminRegistrySources(db: Db): Promise<AdminRegistrySource[]> {
  const rows = await listTrustedIssuers(db);
  const out: AdminRegistrySource[] = [];
  const singles: Record<string, { name: string; url?: string }> = {};
  for (const r of rows) {
    if (r.kind === "registry-url" && r.url) out.push({ name: r.name, url: r.url });
    else if (r.kind === "registry-file" && r.document)
      out.push({ name: r.name, url: `sash-admin:registry/${r.id}`, document: r.document });
    else if (r.kind === "issuer" && r.issuerId)
      singles[r.issuerId] = { name: r.name, ...(/^https?:/i.test(r.issuerId) ? { url: r.issuerId } : {}) };
  }
  if (Object.keys(singles).length)
    out.push({
      name: ADMIN_REGISTRY_NAME,
      url: ADMIN_REGISTRY_URL,
      document: { meta: { name: ADMIN_REGISTRY_NAME }, registry: singles },
    });
  return out;
}
