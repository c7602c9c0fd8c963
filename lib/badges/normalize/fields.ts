// Small, total readers for untrusted JSON: every function accepts anything and never throws.
import type { Alignment, ParsedCredential, Endorsement, Evidence, IssuerProfile } from "../types";
import { isJsonObject, type JsonObject } from "../payload";

export { isJsonObject, type JsonObject };

export function str(v: unknown): string | null {
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" ? null : t;
  }
  return null;
}

export function obj(v: unknown): JsonObject | null {
  return isJsonObject(v) ? v : null;
}

/** A single value or an array becomes an array; absent becomes []. */
export function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

export function typesOf(v: unknown): string[] {
  return list(v).filter((t): t is string => typeof t === "string");
}

/** A URL string or an object with an `id` (OB 2.0 Image, OB 3.0 Image / IRI references). */
export function idOrString(v: unknown): string | null {
  if (typeof v === "string") return str(v);
  const o = obj(v);
  return o ? (str(o.id) ?? str(o["@id"])) : null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * ISO 8601 as issued. Strings that already are ISO 8601 are kept verbatim (they carry the
 * issuer's precision and offset); unix timestamps (OB 1.0 `issued_on`/`issuedOn`) become ISO.
 */
export function isoDate(v: unknown): string | null {
  if (typeof v === "number" && Number.isFinite(v)) return unixToIso(v);
  const s = str(v);
  if (!s) return null;
  if (/^\d{9,11}$/.test(s)) return unixToIso(Number(s));
  if (ISO_DATE.test(s) && !Number.isNaN(Date.parse(s.replace(" ", "T")))) return s;
  const parsed = Date.parse(s);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

function unixToIso(n: number): string | null {
  // Seconds per OB 1.0; a 13-digit value is clearly milliseconds.
  const ms = n > 1e11 ? n : n * 1000;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function emptyIssuer(): IssuerProfile {
  return { id: null, name: null, url: null, email: null, image: null };
}

/** De-duplicates case-insensitively, keeping the first spelling and order. */
export function dedupeNames(names: Iterable<string | null>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    if (!n) continue;
    const key = n.toLocaleLowerCase("en");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}

/** OB 2.0 AlignmentObject / OB 3.0 Alignment. */
export function alignmentsOf(v: unknown): Alignment[] {
  const out: Alignment[] = [];
  for (const a of list(v)) {
    const o = obj(a);
    if (!o) continue;
    const name = str(o.targetName);
    if (!name) continue;
    out.push({ name, url: str(o.targetUrl), framework: str(o.targetFramework), code: str(o.targetCode) });
  }
  return out;
}

/** OB 2.0 Evidence (object or bare URL string) and OB 3.0 Evidence. */
export function evidenceOf(v: unknown): Evidence[] {
  const out: Evidence[] = [];
  for (const e of list(v)) {
    if (typeof e === "string") {
      const id = str(e);
      if (id) out.push({ id, name: null, description: null, narrative: null });
      continue;
    }
    const o = obj(e);
    if (!o) continue;
    const item: Evidence = {
      id: str(o.id),
      name: str(o.name),
      description: str(o.description),
      narrative: str(o.narrative),
    };
    const genre = str(o.genre);
    const audience = str(o.audience);
    if (genre) item.genre = genre;
    if (audience) item.audience = audience;
    if (item.id || item.name || item.description || item.narrative) out.push(item);
  }
  return out;
}

/** The part of a ParsedCredential that comes from the documents themselves (normalisers fill it). */
export type RecordBody = Omit<ParsedCredential, "spec" | "source" | "unresolved" | "raw" | "documents">;

/** Issuer profile fields shared by OB 2.0 Profile and OB 3.0 Profile. */
export function issuerFrom(v: unknown): RecordBody["issuer"] {
  if (typeof v === "string") return { ...emptyIssuer(), id: str(v) };
  const o = obj(v);
  if (!o) return emptyIssuer();
  return {
    id: str(o.id),
    name: str(o.name),
    url: str(o.url),
    email: str(o.email),
    image: idOrString(o.image),
  };
}

/** At most this many endorsements are kept per credential (a hostile file may carry thousands). */
export const MAX_ENDORSEMENTS = 20;
/** At most this many results are kept per credential. */
export const MAX_RESULTS = 50;

/** The issuer of an endorsement: an id string or a Profile object. */
export function endorserOf(v: unknown): Endorsement["issuer"] {
  if (typeof v === "string") return { id: str(v), name: null };
  const o = obj(v);
  return { id: o ? str(o.id) : null, name: o ? str(o.name) : null };
}

/** Adds to `out` until it holds MAX_ENDORSEMENTS. */
export function pushEndorsements(out: Endorsement[], items: Endorsement[]): void {
  for (const e of items) {
    if (out.length >= MAX_ENDORSEMENTS) return;
    out.push(e);
  }
}
