// Presenting by OpenID4VP 1.0 (issue #22 §3): fetch and authenticate the verifier's request, find the
// learner's matching credentials, and answer by direct_post with a presentation signed by the
// learner's did:key over the verifier's nonce (challenge / nonce) and client_id (domain / aud).
// Every request goes through the one SSRF-safe fetcher; nothing is sent without the learner's choice.
import { X509Certificate, randomUUID } from "node:crypto";
import { decodeProtectedHeader, importJWK, importX509, jwtVerify, type JWTPayload } from "jose";
import type { Db } from "@/db/client";
import type { Json } from "@/lib/badges/verify/util";
import { multikeyToJwk } from "@/lib/badges/verify/keys";
import type { HttpFetcher } from "@/lib/net/fetcher";
import {
  dcqlMatches,
  dcqlSatisfied,
  descriptorMatches,
  type DcqlCredentialQuery,
  type InputDescriptor,
} from "@/lib/oid4vp/match";
import { clientPrefix, Oid4vpError, readAuthorizationRequest, type AuthorizationRequest } from "@/lib/oid4vp/request";
import { listPresentableCredentials } from "@/db/queries/presentation";
import { listVerifiedEmails } from "@/db/queries/emails";
import { presentationEligibility } from "@/lib/presentation/eligibility";
import { signHolderPresentation, type HolderSigner } from "@/lib/presentation/presentation";
import { holderDid, holderSigner } from "@/server/presentation/keys";

const REQUEST_TYP = "oauth-authz-req+jwt";

async function send(http: HttpFetcher, url: string, body?: URLSearchParams) {
  try {
    return await http(
      url,
      body
        ? {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json, */*" },
            body: body.toString(),
          }
        : undefined,
    );
  } catch (cause) {
    throw new Oid4vpError("OID4VP_REQUEST_UNREACHABLE", undefined, { cause });
  }
}

/** The x5c chain: each certificate signed by the next, and the leaf's DNS SANs. Throws on a broken chain. */
function readChain(x5c: unknown): { leafPem: string; dnsNames: string[]; issuer: string } {
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > 10) throw new Oid4vpError("OID4VP_SIGNATURE");
  let certs: X509Certificate[];
  try {
    certs = x5c.map((c) => new X509Certificate(Buffer.from(String(c), "base64")));
  } catch (cause) {
    throw new Oid4vpError("OID4VP_SIGNATURE", undefined, { cause });
  }
  for (let i = 0; i + 1 < certs.length; i++) {
    if (!certs[i]!.verify(certs[i + 1]!.publicKey)) throw new Oid4vpError("OID4VP_SIGNATURE");
  }
  const dnsNames = (certs[0]!.subjectAltName ?? "")
    .split(/,\s*/)
    .filter((s) => s.startsWith("DNS:"))
    .map((s) => s.slice(4).toLowerCase());
  return { leafPem: certs[0]!.toString(), dnsNames, issuer: certs[certs.length - 1]!.issuer.replace(/\n/g, ", ") };
}

function hostOf(uri: unknown): string | null {
  try {
    return new URL(String(uri)).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Authenticates a Request Object by its client identifier prefix; returns its claims and the trust sentence. */
async function verifyRequestObject(
  jwt: string,
  outerClientId: string | undefined,
  legacyScheme: string | undefined,
): Promise<{ claims: Record<string, unknown>; prefix: string; vouchedBy: string; sentence: string }> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch (cause) {
    throw new Oid4vpError("OID4VP_BAD_REQUEST", undefined, { cause });
  }
  if (header.typ !== undefined && header.typ !== REQUEST_TYP) throw new Oid4vpError("OID4VP_SIGNATURE");
  const unverified = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
  const clientId = typeof unverified.client_id === "string" ? unverified.client_id : "";
  if (!clientId || (outerClientId !== undefined && outerClientId !== clientId)) {
    throw new Oid4vpError("OID4VP_CLIENT_ID");
  }
  const scheme =
    typeof unverified.client_id_scheme === "string" ? unverified.client_id_scheme : (legacyScheme ?? undefined);
  const { prefix, value } = clientPrefix(clientId, scheme);
  const options = {
    typ: header.typ ? REQUEST_TYP : undefined,
    algorithms: ["ES256", "ES384", "EdDSA", "RS256", "PS256"],
  };
  if (prefix === "x509_san_dns") {
    const chain = readChain(header.x5c);
    const key = await importX509(chain.leafPem, String(header.alg)).catch((cause: unknown) => {
      throw new Oid4vpError("OID4VP_SIGNATURE", undefined, { cause });
    });
    const { payload } = await jwtVerify(jwt, key, options).catch((cause: unknown) => {
      throw new Oid4vpError("OID4VP_SIGNATURE", undefined, { cause });
    });
    const dns = value.toLowerCase();
    if (!chain.dnsNames.includes(dns)) throw new Oid4vpError("OID4VP_CLIENT_ID");
    // Without a trust list of verifier CAs, the response must go to the certified name (§5.9.3).
    const target = hostOf(payload.response_uri ?? payload.redirect_uri);
    if (target !== dns) throw new Oid4vpError("OID4VP_CLIENT_ID");
    return {
      claims: payload as Record<string, unknown>,
      prefix,
      vouchedBy: dns,
      sentence: `The domain ${dns} vouches for this request with a certificate (issued by ${chain.issuer}) that Sash cannot confirm: Sash keeps no list of trusted verifier certificate authorities.`,
    };
  }
  if (prefix === "decentralized_identifier") {
    const kid = typeof header.kid === "string" ? header.kid : "";
    const did = kid.split("#")[0]!;
    if (did !== value) throw new Oid4vpError("OID4VP_CLIENT_ID");
    if (!did.startsWith("did:key:")) throw new Oid4vpError("OID4VP_UNSUPPORTED");
    const jwk = multikeyToJwk(did.slice("did:key:".length));
    if (!jwk) throw new Oid4vpError("OID4VP_UNSUPPORTED");
    const key = await importJWK(jwk as Parameters<typeof importJWK>[0], String(header.alg)).catch((cause: unknown) => {
      throw new Oid4vpError("OID4VP_SIGNATURE", undefined, { cause });
    });
    const { payload } = await jwtVerify(jwt, key, options).catch((cause: unknown) => {
      throw new Oid4vpError("OID4VP_SIGNATURE", undefined, { cause });
    });
    return {
      claims: payload as Record<string, unknown>,
      prefix,
      vouchedBy: did,
      sentence: `The request is signed by ${did}. A did:key names a key, not a person or organisation: Sash can confirm the signature, not who holds the key.`,
    };
  }
  if (prefix === "redirect_uri") throw new Oid4vpError("OID4VP_SIGNATURE"); // redirect_uri requests are never signed
  throw new Oid4vpError("OID4VP_UNSUPPORTED");
}

function unsignedTrust(params: Record<string, unknown>) {
  const clientId = String(params.client_id ?? "");
  const { prefix, value } = clientPrefix(clientId, params.client_id_scheme as string | undefined);
  if (prefix !== "redirect_uri")
    throw new Oid4vpError(prefix === "pre-registered" ? "OID4VP_UNSUPPORTED" : "OID4VP_SIGNATURE");
  if ((params.response_uri ?? params.redirect_uri) !== value) throw new Oid4vpError("OID4VP_CLIENT_ID");
  return {
    prefix,
    vouchedBy: value,
    sentence: `Nobody vouches for this request: it is unsigned, and answers go to ${value}. Share only if you trust that address.`,
  };
}

/** The request the link points at, fetched (request_uri) and authenticated, in one shape. */
export async function resolveRequest(http: HttpFetcher, params: Record<string, string>): Promise<AuthorizationRequest> {
  let jwt: string | null = params.request ?? null;
  if (!jwt && params.request_uri) {
    if (!/^https?:\/\//.test(params.request_uri)) throw new Oid4vpError("OID4VP_BAD_REQUEST");
    const post = params.request_uri_method === "post";
    const doc = await send(
      http,
      params.request_uri,
      post
        ? new URLSearchParams({
            wallet_metadata: JSON.stringify({
              vp_formats_supported: { ldp_vp: {}, jwt_vp_json: {} },
              client_id_prefixes_supported: ["redirect_uri", "x509_san_dns", "decentralized_identifier"],
              response_modes_supported: ["direct_post"],
            }),
          })
        : undefined,
    );
    if (doc.status !== 200) throw new Oid4vpError("OID4VP_REQUEST_UNREACHABLE");
    jwt = doc.text.trim();
  }
  if (jwt) {
    if (!/^[\w-]+\.[\w-]*\.[\w-]*$/.test(jwt)) throw new Oid4vpError("OID4VP_BAD_REQUEST");
    if (jwt.endsWith(".")) {
      // alg none: only redirect_uri requests may be unsigned
      const claims = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as Record<
        string,
        unknown
      >;
      if (params.client_id && claims.client_id !== params.client_id) throw new Oid4vpError("OID4VP_CLIENT_ID");
      return readAuthorizationRequest(claims, unsignedTrust(claims));
    }
    const v = await verifyRequestObject(jwt, params.client_id, params.client_id_scheme);
    return readAuthorizationRequest(v.claims, v);
  }
  return readAuthorizationRequest(params, unsignedTrust(params));
}

// ---- Matching the learner's credentials --------------------------------------------------------------------------

export interface Candidate {
  id: string;
  title: string;
  issuerName: string | null;
}

export interface QueryMatches {
  /** The DCQL credential query id or the input descriptor id. */
  id: string;
  query: DcqlCredentialQuery | InputDescriptor;
  candidates: Candidate[];
}

async function presentableDocs(db: Db, userId: string) {
  const rows = await listPresentableCredentials(db, userId);
  const did = await holderDid(db, userId);
  const learner = { emails: await listVerifiedEmails(db, userId), dids: did ? [did] : [] };
  const out: Array<{ row: (typeof rows)[number]; doc: Json }> = [];
  for (const row of rows) {
    const e = presentationEligibility(row, learner);
    if (e.ok) out.push({ row, doc: e.credential });
  }
  return out;
}

export async function matchRequest(db: Db, userId: string, request: AuthorizationRequest): Promise<QueryMatches[]> {
  const docs = await presentableDocs(db, userId);
  const queries: Array<{ id: string; query: DcqlCredentialQuery | InputDescriptor; test: (d: Json) => boolean }> =
    request.dcql
      ? request.dcql.credentials.map((q) => ({ id: q.id, query: q, test: (d: Json) => dcqlMatches(d, q) }))
      : request.definition!.input_descriptors.map((q) => ({
          id: q.id,
          query: q,
          test: (d: Json) => descriptorMatches(d, q),
        }));
  return queries.map((q) => ({
    id: q.id,
    query: q.query,
    candidates: docs
      .filter((d) => q.test(d.doc))
      .map((d) => ({ id: d.row.id, title: d.row.title, issuerName: d.row.issuerName })),
  }));
}

/** Whether what matched can satisfy the request at all. */
export function satisfiable(request: AuthorizationRequest, matches: QueryMatches[]): boolean {
  const answered = new Set(matches.filter((m) => m.candidates.length > 0).map((m) => m.id));
  if (request.dcql) return dcqlSatisfied(request.dcql, answered);
  return matches.every((m) => answered.has(m.id));
}

// ---- The answer ---------------------------------------------------------------------------------------------------

function b64(s: string | Uint8Array): string {
  return Buffer.from(s).toString("base64url");
}

/** A VP-JWT (jwt_vp_json): iss = holder DID, aud = client_id, nonce; signed EdDSA with the learner's did:key. */
export async function signVpJwt(
  credentials: Json[],
  holder: HolderSigner,
  audience: string,
  nonce: string,
  now: Date,
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const header = { alg: "EdDSA", typ: "JWT", kid: holder.methodId };
  const payload: JWTPayload & Record<string, unknown> = {
    iss: holder.did,
    aud: audience,
    nonce,
    iat,
    nbf: iat,
    exp: iat + 600,
    jti: `urn:uuid:${randomUUID()}`,
    vp: {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      holder: holder.did,
      verifiableCredential: credentials,
    },
  };
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`;
  const signature = await holder.signer.sign({ data: new TextEncoder().encode(input) });
  return `${input}.${b64(signature)}`;
}

function wantsJwt(request: AuthorizationRequest, query: DcqlCredentialQuery | InputDescriptor): boolean {
  if ("format" in query && typeof query.format === "string") return query.format === "jwt_vc_json";
  const formats = Object.keys(
    ((query as InputDescriptor).format ?? request.definition?.format ?? {}) as Record<string, unknown>,
  );
  return formats.length > 0 && !formats.includes("ldp_vp") && formats.includes("jwt_vp_json");
}

async function post(http: HttpFetcher, request: AuthorizationRequest, form: URLSearchParams) {
  if (request.state) form.set("state", request.state);
  const doc = await send(http, request.responseUri, form);
  if (doc.status < 200 || doc.status >= 300) throw new Oid4vpError("OID4VP_RESPONSE_REFUSED");
  let redirect: string | null = null;
  try {
    const body = JSON.parse(doc.text) as { redirect_uri?: unknown };
    if (typeof body.redirect_uri === "string" && /^https?:\/\//.test(body.redirect_uri)) redirect = body.redirect_uri;
  } catch {
    redirect = null;
  }
  return { redirectUri: redirect };
}

/** "Decline", or nothing matches: the protocol's error to the verifier (§8.5). */
export async function sendError(
  http: HttpFetcher,
  request: AuthorizationRequest,
  error: "access_denied" | "invalid_request" = "access_denied",
  description?: string,
) {
  const form = new URLSearchParams({ error });
  if (description) form.set("error_description", description);
  return post(http, request, form);
}

/**
 * "Share": `chosen` maps each query id to one credential id of the learner's. Signs and posts the
 * vp_token (DCQL: a JSON object keyed by credential query id; PE: one VP + presentation_submission).
 */
export async function share(
  db: Db,
  http: HttpFetcher,
  userId: string,
  request: AuthorizationRequest,
  chosen: Record<string, string>,
  now: Date = new Date(),
  secret?: string,
): Promise<{ redirectUri: string | null }> {
  const matches = await matchRequest(db, userId, request);
  const docs = new Map((await presentableDocs(db, userId)).map((d) => [d.row.id, d.doc]));
  const picked: Array<{ match: QueryMatches; doc: Json }> = [];
  for (const m of matches) {
    const id = chosen[m.id];
    if (!id) continue;
    if (!m.candidates.some((c) => c.id === id)) throw new Oid4vpError("OID4VP_NO_MATCH");
    picked.push({ match: m, doc: docs.get(id)! });
  }
  const answered = new Set(picked.map((p) => p.match.id));
  const ok = request.dcql ? dcqlSatisfied(request.dcql, answered) : matches.every((m) => answered.has(m.id));
  if (!ok) throw new Oid4vpError("OID4VP_NO_MATCH");
  const holder = await holderSigner(db, userId, secret);
  const ldp = (creds: Json[]) =>
    signHolderPresentation(creds, holder, {
      id: `urn:uuid:${randomUUID()}`,
      now,
      challenge: request.nonce,
      domain: request.clientId,
    });
  const form = new URLSearchParams();
  if (request.dcql) {
    const token: Record<string, unknown[]> = {};
    for (const p of picked) {
      token[p.match.id] = [
        wantsJwt(request, p.match.query)
          ? await signVpJwt([p.doc], holder, request.clientId, request.nonce, now)
          : await ldp([p.doc]),
      ];
    }
    form.set("vp_token", JSON.stringify(token));
  } else {
    const jwt = wantsJwt(request, picked[0]!.match.query);
    const creds = picked.map((p) => p.doc);
    const vp = jwt ? await signVpJwt(creds, holder, request.clientId, request.nonce, now) : await ldp(creds);
    form.set("vp_token", typeof vp === "string" ? vp : JSON.stringify(vp));
    form.set(
      "presentation_submission",
      JSON.stringify({
        id: randomUUID(),
        definition_id: request.definition!.id,
        descriptor_map: picked.map((p, i) => ({
          id: p.match.id,
          format: jwt ? "jwt_vp_json" : "ldp_vp",
          path: "$",
          path_nested: {
            format: "ldp_vc",
            path: jwt ? `$.vp.verifiableCredential[${i}]` : `$.verifiableCredential[${i}]`,
          },
        })),
      }),
    );
  }
  return post(http, request, form);
}
