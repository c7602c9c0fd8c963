// OpenID for Verifiable Presentations 1.0, the wallet's side (issue #22 §3): reading a verifier's
// request link, the client identifier prefix, the authorization request's parameters (by value or
// from a Request Object) and the shape of the answer. Pure: server/oid4vp does the network and keys.
import { AppError } from "../errors";
import type { LearnerErrorCode } from "../errors/codes";
import type { DcqlQuery, PresentationDefinition } from "./match";

export class Oid4vpError extends AppError {
  constructor(code: LearnerErrorCode, message?: string, options: { cause?: unknown } = {}) {
    super(code, message, { expose: true, status: 422, cause: options.cause });
    this.name = "Oid4vpError";
  }
}

/** A request link or query string is read only up to this size. */
export const MAX_LINK_CHARS = 16 * 1024;
export const PARAMS = [
  "client_id",
  "client_id_scheme",
  "request",
  "request_uri",
  "request_uri_method",
  "response_type",
  "response_mode",
  "response_uri",
  "redirect_uri",
  "nonce",
  "state",
  "dcql_query",
  "presentation_definition",
  "client_metadata",
] as const;

/** The query parameters of a verifier's link (openid4vp://, openid4vp://authorize, haip://, or https with the same parameters). */
export function readRequestLink(input: string): Record<string, string> {
  const text = input.trim();
  if (!text || text.length > MAX_LINK_CHARS) throw new Oid4vpError("OID4VP_BAD_REQUEST");
  let url: URL;
  try {
    url = new URL(text.startsWith("?") ? `openid4vp://${text}` : text);
  } catch {
    throw new Oid4vpError("OID4VP_BAD_REQUEST");
  }
  if (url.protocol === "mdoc-openid4vp:") throw new Oid4vpError("OID4VP_UNSUPPORTED");
  if (!["openid4vp:", "haip:", "https:", "http:", "openid:", "eudi-openid4vp:"].includes(url.protocol)) {
    throw new Oid4vpError("OID4VP_BAD_REQUEST");
  }
  const out: Record<string, string> = {};
  for (const key of PARAMS) {
    const v = url.searchParams.get(key);
    if (v !== null) out[key] = v;
  }
  if (!out.client_id || (!out.request && !out.request_uri && !out.dcql_query && !out.presentation_definition)) {
    throw new Oid4vpError("OID4VP_BAD_REQUEST");
  }
  return out;
}

/** The link back, for a page that opens pre-filled from `?request_uri=…&client_id=…` (the same parameters). */
export function linkFromParams(params: Record<string, string | string[] | undefined>): string | null {
  const q = new URLSearchParams();
  for (const key of PARAMS) {
    const v = params[key];
    if (typeof v === "string") q.set(key, v);
  }
  if (!q.get("client_id")) return null;
  return `openid4vp://?${q.toString()}`;
}

export type ClientPrefix = "redirect_uri" | "x509_san_dns" | "decentralized_identifier" | "pre-registered";

/** The client identifier prefix (1.0 `prefix:value`) or the pre-1.0 `client_id_scheme`. */
export function clientPrefix(
  clientId: string,
  legacyScheme?: string,
): { prefix: ClientPrefix | string; value: string } {
  if (legacyScheme) {
    const scheme = legacyScheme === "did" ? "decentralized_identifier" : legacyScheme;
    return { prefix: scheme, value: clientId };
  }
  const m = clientId.match(/^([a-z0-9_]+):(.*)$/s);
  if (!m || m[1] === "https" || m[1] === "http") return { prefix: "pre-registered", value: clientId };
  if (m[1] === "did") return { prefix: "decentralized_identifier", value: clientId }; // draft-era bare DIDs
  return { prefix: m[1]!, value: m[2]! };
}

/** The authorization request, whichever way it came, checked for what Sash can answer. */
export interface AuthorizationRequest {
  clientId: string;
  prefix: string;
  /** The prefix's value: a DNS name, a DID, or the redirect/response URI. */
  vouchedBy: string;
  /** A true sentence about who vouches for the request. */
  trust: string;
  /** The verifier's own name from client_metadata, if any (their claim). */
  clientName: string | null;
  nonce: string;
  state: string | null;
  responseMode: "direct_post" | "direct_post.jwt";
  responseUri: string;
  dcql: DcqlQuery | null;
  definition: PresentationDefinition | null;
  /** Formats the verifier's client_metadata accepts (vp_formats / vp_formats_supported), or null when it doesn't say. */
  vpFormats: string[] | null;
}

function str(v: unknown): string | null {
  return typeof v === "string" && v.length > 0 ? v : null;
}

function jsonParam(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    throw new Oid4vpError("OID4VP_BAD_REQUEST");
  }
}

/**
 * The request's parameters (from the link, or the verified Request Object's claims) checked and
 * put in one shape. `trust` is written by the caller, which knows how the request was authenticated.
 */
export function readAuthorizationRequest(
  claims: Record<string, unknown>,
  trust: { prefix: string; vouchedBy: string; sentence: string },
): AuthorizationRequest {
  const clientId = str(claims.client_id);
  if (!clientId) throw new Oid4vpError("OID4VP_BAD_REQUEST");
  const responseType = str(claims.response_type) ?? "vp_token";
  if (!responseType.split(" ").includes("vp_token")) throw new Oid4vpError("OID4VP_UNSUPPORTED");
  const nonce = str(claims.nonce);
  if (!nonce || nonce.length > 1024) throw new Oid4vpError("OID4VP_BAD_REQUEST");
  const mode = str(claims.response_mode) ?? "fragment";
  if (mode !== "direct_post" && mode !== "direct_post.jwt") throw new Oid4vpError("OID4VP_UNSUPPORTED");
  if (mode === "direct_post.jwt") throw new Oid4vpError("OID4VP_UNSUPPORTED"); // encrypted responses: not yet
  const responseUri = str(claims.response_uri);
  if (!responseUri || !/^https?:\/\//.test(responseUri)) throw new Oid4vpError("OID4VP_BAD_REQUEST");
  const dcql = claims.dcql_query !== undefined ? (jsonParam(claims.dcql_query) as DcqlQuery) : null;
  const definition =
    claims.presentation_definition !== undefined
      ? (jsonParam(claims.presentation_definition) as PresentationDefinition)
      : null;
  if (claims.presentation_definition_uri !== undefined || claims.scope !== undefined) {
    if (!dcql && !definition) throw new Oid4vpError("OID4VP_UNSUPPORTED");
  }
  if (!dcql === !definition) throw new Oid4vpError("OID4VP_BAD_REQUEST");
  if (dcql && (!Array.isArray(dcql.credentials) || dcql.credentials.length === 0 || dcql.credentials.length > 50)) {
    throw new Oid4vpError("OID4VP_BAD_REQUEST");
  }
  if (dcql && dcql.credentials.some((c) => typeof c?.id !== "string" || typeof c?.format !== "string")) {
    throw new Oid4vpError("OID4VP_BAD_REQUEST");
  }
  if (
    definition &&
    (typeof definition.id !== "string" ||
      !Array.isArray(definition.input_descriptors) ||
      definition.input_descriptors.length === 0 ||
      definition.input_descriptors.length > 50 ||
      definition.input_descriptors.some((d) => typeof d?.id !== "string"))
  ) {
    throw new Oid4vpError("OID4VP_BAD_REQUEST");
  }
  const meta = jsonParam(claims.client_metadata ?? {}) as Record<string, unknown> | null;
  const clientName = meta && typeof meta === "object" ? str(meta.client_name) : null;
  const formats = meta && typeof meta === "object" ? (meta.vp_formats_supported ?? meta.vp_formats) : undefined;
  return {
    clientId,
    prefix: trust.prefix,
    vouchedBy: trust.vouchedBy,
    trust: trust.sentence,
    clientName: clientName ? clientName.slice(0, 200) : null,
    nonce,
    state: str(claims.state),
    responseMode: mode,
    responseUri,
    dcql,
    definition,
    vpFormats: formats && typeof formats === "object" ? Object.keys(formats) : null,
  };
}
