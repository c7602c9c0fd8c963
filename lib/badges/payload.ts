// What a badge carries: inline JSON, a URL to a hosted assertion, a signed OB 2.0 assertion
// (compact JWS), or an OB 3.0 VC-JWT. Detection ignores a UTF-8 BOM and surrounding whitespace.
import { SashError } from "./errors";
import type { PayloadEncoding } from "./types";

export type JsonObject = Record<string, unknown>;

export type BakedPayload =
  | { encoding: "json"; raw: string; value: JsonObject }
  | { encoding: "url"; raw: string; url: string }
  /** OB 2.0 signed assertion: the JWS payload is the assertion (OB 2.0 §Signed Badges). */
  | { encoding: "jws"; raw: string; header: JsonObject; payload: JsonObject }
  /** OB 3.0 VC-JWT (OB 3.0 §8.2 / VC-JOSE): `credential` is the VC after applying JWT claims. */
  | { encoding: "vc-jwt"; raw: string; header: JsonObject; claims: JsonObject; credential: JsonObject };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const URL_TEXT = /^https?:\/\/[^\s"'<>]+$/i;

function invalid(detail: string, message?: string): SashError {
  return new SashError("INVALID_PAYLOAD", message, { detail });
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Strips a leading UTF-8 BOM and surrounding whitespace. */
export function cleanPayloadText(raw: string): string {
  return raw.replace(/^\uFEFF/, "").trim();
}

export function parseJsonObject(text: string, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(cleanPayloadText(text));
  } catch {
    throw invalid(
      `${what} is not valid JSON`,
      "This badge contains data, but it is damaged (not valid JSON), so it can't be read.",
    );
  }
  if (!isJsonObject(value)) throw invalid(`${what} is JSON but not an object`);
  return value;
}

function decodeSegment(segment: string, what: string): JsonObject {
  let text: string;
  try {
    text = Buffer.from(segment, "base64url").toString("utf8");
  } catch {
    throw invalid(`JWS ${what} is not base64url`);
  }
  return parseJsonObject(text, `JWS ${what}`);
}

function typesOf(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.filter((t): t is string => typeof t === "string");
  return [];
}

function contextsOf(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.filter((t): t is string => typeof t === "string");
  return [];
}

/** A W3C Verifiable Credential (VCDM 1.1 or 2.0), as opposed to an OB 1.0/2.0 assertion. */
export function looksLikeVerifiableCredential(v: JsonObject): boolean {
  if (typesOf(v.type).includes("VerifiableCredential")) return true;
  return contextsOf(v["@context"]).some(
    (c) =>
      c.startsWith("https://www.w3.org/2018/credentials") ||
      c.startsWith("https://www.w3.org/ns/credentials") ||
      c.includes("/ob/v3p0/"),
  );
}

function numericDate(v: unknown): string | null {
  return typeof v === "number" && Number.isFinite(v) ? new Date(v * 1000).toISOString() : null;
}

/**
 * VCDM 1.1 §6.3.1 (JWT decoding): registered claims stand in for credential properties the
 * `vc` object leaves out. Returns a new object; the input is untouched.
 */
function credentialFromClaims(claims: JsonObject): JsonObject {
  const base = isJsonObject(claims.vc) ? { ...claims.vc } : { ...claims };
  if (isJsonObject(claims.vc)) {
    if (typeof claims.iss === "string") {
      if (base.issuer === undefined) base.issuer = claims.iss;
      else if (isJsonObject(base.issuer) && base.issuer.id === undefined)
        base.issuer = { ...base.issuer, id: claims.iss };
    }
    if (base.id === undefined && typeof claims.jti === "string") base.id = claims.jti;
    const nbf = numericDate(claims.nbf);
    if (nbf && base.issuanceDate === undefined && base.validFrom === undefined) base.issuanceDate = nbf;
    const exp = numericDate(claims.exp);
    if (exp && base.expirationDate === undefined && base.validUntil === undefined) base.expirationDate = exp;
    if (
      typeof claims.sub === "string" &&
      isJsonObject(base.credentialSubject) &&
      base.credentialSubject.id === undefined
    ) {
      base.credentialSubject = { ...base.credentialSubject, id: claims.sub };
    }
  }
  return base;
}

/** Classifies and decodes a payload. Does not fetch anything. */
export function parsePayload(raw: string): BakedPayload {
  const text = cleanPayloadText(raw);
  if (text === "") throw invalid("empty payload", "This image has an Open Badges marker, but no badge data inside it.");
  if (text.startsWith("{")) return { encoding: "json", raw, value: parseJsonObject(text, "payload") };
  if (URL_TEXT.test(text)) {
    try {
      const url = new URL(text);
      return { encoding: "url", raw, url: url.toString() };
    } catch {
      throw invalid("payload URL does not parse");
    }
  }
  if (COMPACT_JWS.test(text)) {
    const [h, p] = text.split(".");
    const header = decodeSegment(h!, "header");
    const claims = decodeSegment(p!, "payload");
    if (isJsonObject(claims.vc) || looksLikeVerifiableCredential(claims)) {
      return { encoding: "vc-jwt", raw, header, claims, credential: credentialFromClaims(claims) };
    }
    return { encoding: "jws", raw, header, payload: claims };
  }
  throw invalid("payload is neither JSON, a URL nor a compact JWS");
}

export type { PayloadEncoding };
