// Bytes in, one ParsedCredential out. The only I/O is through the injected Fetcher.
import { SashError, isSashError } from "./errors";
import { findPngBadge } from "./png";
import { findSvgBadge } from "./svg";
import { sniffContainer, type SniffResult } from "./sniff";
import {
  cleanPayloadText,
  looksLikeVerifiableCredential,
  parsePayload,
  type BakedPayload,
  type JsonObject,
} from "./payload";
import { normalizeOb1, ob1AssertionUrl } from "./normalize/ob1";
import { normalizeOb2, ob2BadgeRef, ob2Endorsement } from "./normalize/ob2";
import { normalizeOb3 } from "./normalize/ob3";
import { isClrCredential, normalizeClr } from "./normalize/clr";
import { list, obj, str, typesOf, type RecordBody } from "./normalize/fields";
import type { ParsedCredential, BadgeSpec, Container, Fetcher, PayloadSource, Unresolved } from "./types";
import { MAX_INPUT_BYTES } from "./limits";

export interface UnbakeOptions {
  /**
   * Reaches hosted assertions, badge classes and issuers. Without one, unbaking is offline:
   * everything embedded is returned and the URLs it could not follow are listed in `unresolved`.
   * Pass a fresh fetcher per import (its cache lives as long as it does).
   */
  fetcher?: Fetcher;
  /**
   * The container the caller has already decided from the bytes (lib/badges/ingest.ts identifyInput),
   * so they are not sniffed again. Without it, unbake sniffs them itself.
   */
  container?: Container;
}

/** Reads the Open Badge baked into a PNG or SVG image. Throws SashError only. */
export async function unbake(bytes: Uint8Array, opts: UnbakeOptions = {}): Promise<ParsedCredential> {
  return guard(async () => {
    if (bytes.length > MAX_INPUT_BYTES) throw new SashError("PAYLOAD_TOO_LARGE");
    const found = extractBakedText(bytes, opts.container);
    return buildRecord(found.text, { container: found.container, keyword: found.keyword }, opts.fetcher);
  });
}

/**
 * Imports pasted badge data: OB 1.0/2.0 assertion JSON, OB 3.0 credential JSON, a compact JWS
 * or VC-JWT, or the URL of a hosted assertion. `source.container` is null.
 */
export async function importPayload(text: string, opts: UnbakeOptions = {}): Promise<ParsedCredential> {
  return guard(async () => {
    if (text.length > MAX_INPUT_BYTES)
      throw new SashError("PAYLOAD_TOO_LARGE", "This text is too large to be badge data.");
    return buildRecord(text, { container: null, keyword: null }, opts.fetcher);
  });
}

/** Finds the badge text inside the image bytes (no payload interpretation); `known`: the container already sniffed. */
export function extractBakedText(
  bytes: Uint8Array,
  known?: Container,
): { container: Container; keyword: string; text: string } {
  const sniffed: SniffResult = known ? { kind: known } : sniffContainer(bytes);
  if (sniffed.kind === "png") {
    const chunk = findPngBadge(bytes);
    if (!chunk) throw new SashError("NO_BADGE_DATA");
    return { container: "png", keyword: chunk.keyword, text: chunk.text };
  }
  if (sniffed.kind === "svg") {
    const text = new TextDecoder("utf-8").decode(bytes);
    const el = findSvgBadge(text);
    if (!el) throw new SashError("NO_BADGE_DATA");
    // OB 2.0/3.0 Baking §SVG: JSON in the body; when the body is empty, `verify` holds the URL or JWS.
    const body = cleanPayloadText(el.body) !== "" ? el.body : (el.verify ?? "");
    return { container: "svg", keyword: el.localName, text: body };
  }
  throw new SashError("UNSUPPORTED_FILE", undefined, { detail: `detected ${sniffed.format}` });
}

/** Turns anything unexpected into a typed error, so callers only ever see SashError. */
async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isSashError(err)) throw err;
    throw new SashError("INVALID_PAYLOAD", undefined, {
      cause: err,
      detail: "unexpected error while reading the badge",
    });
  }
}

// ---- Building the record ---------------------------------------------------------------

interface ResolveContext {
  fetcher?: Fetcher;
  unresolved: Unresolved[];
}

/** Names for OB 2.0 documents that are not an awarded badge, for a clearer message. */
const NOT_AN_ASSERTION: Record<string, string> = {
  BadgeClass: "This is the description of a badge, not a badge awarded to someone.",
  Issuer: "This is an issuer's profile, not a badge.",
  Profile: "This is a profile, not a badge.",
  CryptographicKey: "This is a signing key, not a badge.",
  RevocationList: "This is a revocation list, not a badge.",
};

function detectSpec(doc: JsonObject): "ob1" | "ob2" | "ob3" {
  if (looksLikeVerifiableCredential(doc)) return "ob3";
  const types = typesOf(doc.type);
  const other = types.find((t) => NOT_AN_ASSERTION[t]);
  if (other && !types.includes("Assertion")) {
    throw new SashError("INVALID_PAYLOAD", NOT_AN_ASSERTION[other], { detail: `OB document of type ${other}` });
  }
  const contexts = list(doc["@context"]).filter((c): c is string => typeof c === "string");
  const ob2Context = contexts.some((c) => /openbadges\/v2|openbadgespec\.org\/v2|w3id\.org\/openbadges\/?$/i.test(c));
  if (types.includes("Assertion") || (ob2Context && (doc.badge !== undefined || doc.recipient !== undefined)))
    return "ob2";
  // OB 1.0 / 0.5: no @context (or the v1 one), recognised by its assertion fields.
  if (
    doc.badge !== undefined ||
    doc.recipient !== undefined ||
    doc.verify !== undefined ||
    doc.uid !== undefined ||
    doc.identity !== undefined
  ) {
    return ob2Context ? "ob2" : "ob1";
  }
  throw new SashError("INVALID_PAYLOAD", undefined, { detail: "JSON is not an Open Badges assertion or credential" });
}

/** Fetches and parses a JSON document, recording why when it cannot. */
async function resolveJson(url: string, role: Unresolved["role"], ctx: ResolveContext): Promise<JsonObject | null> {
  const reason = await (async (): Promise<string | JsonObject> => {
    if (!ctx.fetcher) return "OFFLINE";
    try {
      const doc = await ctx.fetcher(url);
      if (doc.status < 200 || doc.status >= 300) return `HTTP_${doc.status}`;
      const parsed = parsePayload(doc.text);
      if (parsed.encoding === "json") return parsed.value;
      if (parsed.encoding === "jws") return parsed.payload;
      if (parsed.encoding === "vc-jwt") return parsed.credential;
      return "INVALID_DOCUMENT";
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (isSashError(err)) return "INVALID_DOCUMENT";
      return typeof code === "string" ? code : "FETCH_FAILED";
    }
  })();
  if (typeof reason !== "string") return reason;
  if (!ctx.unresolved.some((u) => u.url === url)) ctx.unresolved.push({ url, reason, role });
  return null;
}

interface Built {
  spec: BadgeSpec;
  body: RecordBody;
  documents: ParsedCredential["documents"];
}

/** OB 1.0/2.0: follow `badge` and the badge class's `issuer` when they are URLs. */
async function buildHosted(
  spec: "ob1" | "ob2",
  assertionIn: JsonObject,
  ctx: ResolveContext,
  fetchedAssertion: boolean,
): Promise<Built> {
  let assertion = assertionIn;
  // A payload that is only a pointer ({"verify":{"url":…}} with no badge): fetch the real assertion.
  if (assertion.badge === undefined && !fetchedAssertion) {
    const hosted = spec === "ob1" ? ob1AssertionUrl(assertion) : str(assertion.id);
    if (hosted) {
      const fetched = await resolveJson(hosted, "assertion", ctx);
      if (fetched && !looksLikeVerifiableCredential(fetched)) {
        assertion = fetched;
        spec = detectSpecSafe(fetched) === "ob1" ? "ob1" : "ob2";
      }
    }
  }
  // Issue #20 §3: a hosted badge is shown as its issuer hosts it. A file that carries a copy
  // (baked or pasted JSON) is read from the hosted assertion, and an embedded BadgeClass or
  // Issuer from the documents at their ids; the file's copy is only the fallback when they
  // can't be fetched (verify/hosted.ts compares the two and reports any difference).
  const hostedFirst = !fetchedAssertion && !!ctx.fetcher && isHostedAssertion(assertion);
  if (hostedFirst && assertion.badge !== undefined) {
    const url = spec === "ob1" ? ob1AssertionUrl(assertion) : str(assertion.id);
    const fetched = url && /^https?:\/\//i.test(url) ? await fetchQuietly(url, ctx) : null;
    if (fetched && fetched.badge !== undefined && !looksLikeVerifiableCredential(fetched)) {
      assertion = fetched;
      spec = detectSpecSafe(fetched) === "ob1" ? "ob1" : "ob2";
    }
  }
  const badgeUrl =
    spec === "ob2" ? ob2BadgeRef(assertion) : typeof assertion.badge === "string" ? str(assertion.badge) : null;
  const embeddedBadge = obj(assertion.badge);
  const badgeClass = badgeUrl
    ? await resolveJson(badgeUrl, "badgeClass", ctx)
    : hostedFirst
      ? ((await byItsId(embeddedBadge, ctx)) ?? embeddedBadge)
      : embeddedBadge;
  let issuer: JsonObject | null = null;
  const issuerRef = badgeClass?.issuer;
  if (typeof issuerRef === "string" && str(issuerRef)) issuer = await resolveJson(issuerRef.trim(), "issuer", ctx);
  else issuer = hostedFirst ? ((await byItsId(obj(issuerRef), ctx)) ?? obj(issuerRef)) : obj(issuerRef);
  const body =
    spec === "ob2" ? normalizeOb2({ assertion, badgeClass, issuer }) : normalizeOb1({ assertion, badgeClass, issuer });
  if (spec === "ob2" && !body.issuer.id && typeof issuerRef === "string") body.issuer.id = str(issuerRef);
  if (spec === "ob2" && ctx.fetcher && body.endorsements?.length) await resolveOb2Endorsements(body, ctx);
  return { spec, body, documents: { assertion, badgeClass, issuer } };
}

/** Verified by its hosted copy, as any OB 1.0/2.0 assertion that doesn't say it is signed (verify/verify.ts). */
function isHostedAssertion(assertion: JsonObject): boolean {
  const v = obj(assertion.verification) ?? obj(assertion.verify);
  const type = (str(v?.type) ?? "").toLowerCase();
  return type !== "signed" && type !== "signedbadge";
}

/** A JSON document fetched only to prefer it over an embedded copy: a failure is not an unresolved link. */
async function fetchQuietly(url: string, ctx: ResolveContext): Promise<JsonObject | null> {
  if (!ctx.fetcher) return null;
  try {
    const doc = await ctx.fetcher(url);
    if (doc.status < 200 || doc.status >= 300) return null;
    const parsed = parsePayload(doc.text);
    return parsed.encoding === "json" ? parsed.value : null;
  } catch {
    return null;
  }
}

/** An embedded BadgeClass or Issuer as published at its own https id (null when it has none or can't be fetched). */
async function byItsId(embedded: JsonObject | null, ctx: ResolveContext): Promise<JsonObject | null> {
  const id = str(embedded?.id);
  if (!id || !/^https?:\/\//i.test(id)) return null;
  return fetchQuietly(id, ctx);
}

/** Hosted OB 2.0 endorsements followed per import (each may cost two fetches: the endorsement and its issuer). */
const MAX_HOSTED_ENDORSEMENTS = 5;
const HTTP_URL = /^https?:\/\//i;

/**
 * OB 2.0 endorsements given as URLs, and endorsers given only by their profile URL:
 * fetched through the import's fetcher (never otherwise), a few per import.
 */
async function resolveOb2Endorsements(body: RecordBody, ctx: ResolveContext): Promise<void> {
  const list = body.endorsements ?? [];
  let budget = MAX_HOSTED_ENDORSEMENTS;
  for (let i = 0; i < list.length && budget > 0; i++) {
    let e = list[i]!;
    const needsDoc = e.document === null && !!e.id && HTTP_URL.test(e.id);
    const needsName = !e.issuer.name && !!e.issuer.id && HTTP_URL.test(e.issuer.id);
    if (!needsDoc && !needsName) continue;
    budget--;
    if (needsDoc) {
      const doc = await resolveJson(e.id!, "other", ctx);
      if (!doc) continue;
      e = { ...ob2Endorsement(doc, e.on), id: str(doc.id) ?? e.id };
      list[i] = e;
    }
    if (!e.issuer.name && e.issuer.id && HTTP_URL.test(e.issuer.id)) {
      const profile = await resolveJson(e.issuer.id, "other", ctx);
      const name = profile ? str(profile.name) : null;
      if (name) list[i] = { ...e, issuer: { ...e.issuer, name } };
    }
  }
}

function detectSpecSafe(doc: JsonObject): "ob1" | "ob2" | "ob3" | null {
  try {
    return detectSpec(doc);
  } catch {
    return null;
  }
}

/** An OB 3.0 credential, or a CLR 2.0 ClrCredential with its nested credentials (nothing is fetched). */
function buildCredential(doc: JsonObject): Built {
  const documents = { assertion: doc, badgeClass: null, issuer: null };
  if (isClrCredential(doc)) return { spec: "clr2", body: normalizeClr(doc), documents };
  return { spec: "ob3", body: normalizeOb3(doc), documents };
}

async function buildFromDocument(doc: JsonObject, ctx: ResolveContext, fetchedAssertion: boolean): Promise<Built> {
  const spec = detectSpec(doc);
  if (spec === "ob3") return buildCredential(doc);
  return buildHosted(spec, doc, ctx, fetchedAssertion);
}

/** Shared by unbake (baked text) and importPayload (pasted text). */
export async function buildRecord(
  raw: string,
  where: { container: Container | null; keyword: string | null },
  fetcher?: Fetcher,
): Promise<ParsedCredential> {
  const payload: BakedPayload = parsePayload(raw);
  const ctx: ResolveContext = { fetcher, unresolved: [] };
  let built: Built;
  switch (payload.encoding) {
    case "json":
      built = await buildFromDocument(payload.value, ctx, false);
      break;
    case "jws": {
      // OB 2.0 signed: the JWS payload is the assertion. Signature checks live in verify/.
      const spec = detectSpecSafe(payload.payload) ?? "ob2";
      if (spec === "ob3") built = await buildFromDocument(payload.payload, ctx, true);
      else built = await buildHosted(spec, payload.payload, ctx, true);
      break;
    }
    case "vc-jwt":
      built = buildCredential(payload.credential);
      break;
    case "url": {
      // Hosted 1.0/2.0 (or a credential by URL): the badge itself lives at the URL.
      const doc = await resolveJson(payload.url, "assertion", ctx);
      if (!doc) {
        const u = ctx.unresolved[0];
        throw new SashError("REMOTE_UNAVAILABLE", undefined, { detail: `${payload.url} (${u?.reason ?? "unknown"})` });
      }
      built = await buildFromDocument(doc, ctx, true);
      break;
    }
  }
  const source: PayloadSource = { container: where.container, encoding: payload.encoding, keyword: where.keyword };
  return {
    spec: built.spec,
    ...built.body,
    source,
    unresolved: ctx.unresolved,
    raw,
    documents: built.documents,
  };
}
