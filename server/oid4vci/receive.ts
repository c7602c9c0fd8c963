// Receiving a credential by OpenID for Verifiable Credential Issuance (issue #22 §2), the wallet's
// side of OID4VCI 1.0 and the draft-13 shapes still in use. Every request goes through the one
// SSRF-safe fetcher (bounded in time and size), every answer is validated (lib/oid4vci/protocol.ts),
// and the credential goes through the one import path (readCredential → stageIngested): the learner
// sees the same check and pre-filled draft as for an upload, and saves it with saveStagedImport.
import { createHash, randomBytes } from "node:crypto";
import { readCredential } from "@/lib/badges/ingest";
import type { FetchedDocument } from "@/lib/badges/types";
import type { FetchRequest, HttpFetcher } from "@/lib/net/fetcher";
import {
  PRE_AUTHORIZED_GRANT,
  SUPPORTED_FORMATS,
  Oid4vciError,
  base64url,
  issuedCredentialText,
  nonceResponseSchema,
  oauthErrorSchema,
  parseAuthorizationServerMetadata,
  parseIssuerMetadata,
  parseOffer,
  proofJwtParts,
  readOfferInput,
  tokenResponseSchema,
  wellKnown,
  type AuthorizationServerMetadata,
  type CredentialOffer,
  type IssuerMetadata,
  type TxCode,
} from "@/lib/oid4vci/protocol";
import { holderSigner } from "@/server/presentation/keys";
import { stageIngested } from "@/server/wallet/ingest";
import type { StageResult, WalletContext } from "@/server/wallet/types";

/** The wallet's context plus a fetcher that may POST (server/net.ts appFetcher()). */
export interface ReceiveContext extends WalletContext {
  http: HttpFetcher;
}

/** What the learner sees before confirming: who offers (the issuer's own claims) and what. */
export interface OfferPreview {
  credentialIssuer: string;
  /** The issuer's display name from its own metadata: its claim, not checked by anyone. */
  issuerName: string | null;
  credentials: Array<{ id: string; name: string | null; format: string; supported: boolean }>;
  flow: "pre-authorized" | "authorization-code";
  /** Set when the offer asks for a transaction code (sent to the learner out of band). */
  txCode: TxCode | null;
}

interface Resolved {
  offer: CredentialOffer;
  issuer: IssuerMetadata;
}

async function send(http: HttpFetcher, url: string, request?: FetchRequest): Promise<FetchedDocument> {
  try {
    return await http(url, request);
  } catch (e) {
    // A refused host (private address, plain http, not allow-listed), a timeout or a network failure.
    throw new Oid4vciError("OID4VCI_OFFER_UNREACHABLE", undefined, { cause: e });
  }
}

function jsonOf(doc: FetchedDocument): unknown {
  try {
    return JSON.parse(doc.text);
  } catch {
    return undefined;
  }
}

async function getJson(http: HttpFetcher, url: string): Promise<unknown | null> {
  const doc = await send(http, url);
  if (doc.status !== 200) return null;
  return jsonOf(doc) ?? null;
}

async function resolveOffer(http: HttpFetcher, text: string): Promise<Resolved> {
  const input = readOfferInput(text);
  let raw: unknown;
  if (input.kind === "reference") {
    raw = await getJson(http, input.uri);
    if (raw === null) throw new Oid4vciError("OID4VCI_BAD_OFFER");
  } else raw = input.offer;
  const offer = parseOffer(raw);
  let issuer: IssuerMetadata | null = null;
  for (const url of wellKnown(offer.credentialIssuer, "openid-credential-issuer")) {
    const json = await getJson(http, url);
    if (json !== null) {
      issuer = parseIssuerMetadata(json, offer.credentialIssuer);
      break;
    }
  }
  if (!issuer) throw new Oid4vciError("OID4VCI_BAD_METADATA");
  return { offer, issuer };
}

/** RFC 8414, falling back to OpenID Connect Discovery; the credential issuer itself when it names none. */
async function authorizationServer(
  http: HttpFetcher,
  resolved: Resolved,
  named: string | null,
): Promise<AuthorizationServerMetadata> {
  const base = named ?? resolved.issuer.authorizationServers[0] ?? resolved.issuer.credentialIssuer;
  const tries = [...wellKnown(base, "oauth-authorization-server"), ...wellKnown(base, "openid-configuration")];
  for (const url of tries) {
    const json = await getJson(http, url);
    if (json !== null) return parseAuthorizationServerMetadata(json);
  }
  throw new Oid4vciError("OID4VCI_BAD_METADATA");
}

function previewOf({ offer, issuer }: Resolved): OfferPreview {
  const ids = offer.configurationIds.length ? offer.configurationIds : [];
  return {
    credentialIssuer: issuer.credentialIssuer,
    issuerName: issuer.displayName,
    credentials: ids.map((id) => {
      const c = issuer.configurations[id];
      const format = c?.format ?? "unknown";
      return { id, name: c?.displayName ?? null, format, supported: isSupported(format) };
    }),
    flow: offer.preAuthorized ? "pre-authorized" : "authorization-code",
    txCode: offer.preAuthorized?.txCode ?? null,
  };
}

function isSupported(format: string): boolean {
  return (SUPPORTED_FORMATS as readonly string[]).includes(format);
}

/** Step 1: reads the offer and the issuer's metadata, and says who offers what. Nothing is requested yet. */
export async function previewOffer(ctx: ReceiveContext, text: string): Promise<OfferPreview> {
  const preview = previewOf(await resolveOffer(ctx.http, text));
  if (!preview.credentials.some((c) => c.supported)) throw new Oid4vciError("OID4VCI_UNSUPPORTED");
  return preview;
}

function chooseConfiguration(resolved: Resolved): { id: string; format: string } {
  for (const id of resolved.offer.configurationIds) {
    const c = resolved.issuer.configurations[id];
    if (c && isSupported(c.format)) return { id, format: c.format };
  }
  throw new Oid4vciError("OID4VCI_UNSUPPORTED");
}

type Token = { accessToken: string; cNonce: string | null; credentialIdentifier: string | null };

async function requestToken(
  http: HttpFetcher,
  tokenEndpoint: string,
  form: Record<string, string>,
  txCodeSent: boolean,
): Promise<Token> {
  const doc = await send(http, tokenEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(form).toString(),
  });
  const json = jsonOf(doc);
  if (doc.status !== 200) {
    const err = oauthErrorSchema.safeParse(json);
    if (txCodeSent && err.success && err.data.error === "invalid_grant") throw new Oid4vciError("OID4VCI_TX_CODE");
    throw new Oid4vciError("OID4VCI_TOKEN_REFUSED");
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success || parsed.data.token_type.toLowerCase() !== "bearer") {
    throw new Oid4vciError("OID4VCI_BAD_METADATA");
  }
  const detail = parsed.data.authorization_details?.find((d) => Array.isArray(d.credential_identifiers));
  const identifiers = (detail?.credential_identifiers as unknown[] | undefined)?.filter((x) => typeof x === "string");
  return {
    accessToken: parsed.data.access_token,
    cNonce: parsed.data.c_nonce ?? null,
    credentialIdentifier: (identifiers?.[0] as string | undefined) ?? null,
  };
}

async function freshNonce(http: HttpFetcher, issuer: IssuerMetadata): Promise<string | null> {
  if (!issuer.nonceEndpoint) return null;
  const doc = await send(http, issuer.nonceEndpoint, { method: "POST", headers: {}, body: "" });
  const parsed = nonceResponseSchema.safeParse(jsonOf(doc));
  if (doc.status !== 200 || !parsed.success) throw new Oid4vciError("OID4VCI_BAD_METADATA");
  return parsed.data.c_nonce;
}

async function proofJwt(ctx: ReceiveContext, audience: string, nonce: string | null): Promise<string> {
  const holder = await holderSigner(ctx.db, ctx.user.id);
  const { header, payload } = proofJwtParts({
    kid: holder.methodId,
    audience,
    nonce,
    issuedAt: ctx.now?.() ?? new Date(),
  });
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = await holder.signer.sign({ data: new TextEncoder().encode(input) });
  return `${input}.${base64url(signature)}`;
}

/** The credential request (1.0 `proofs`, or draft 13's singular `proof` and `format`), retried once on a stale nonce. */
async function requestCredential(
  ctx: ReceiveContext,
  resolved: Resolved,
  token: Token,
  configuration: { id: string; format: string },
): Promise<string> {
  const { issuer } = resolved;
  // Draft 13 has no nonce endpoint: its c_nonce comes with the token response.
  const draft13 = !issuer.nonceEndpoint;
  let nonce = draft13 ? token.cNonce : await freshNonce(ctx.http, issuer);
  for (let attempt = 0; ; attempt++) {
    const jwt = await proofJwt(ctx, issuer.credentialIssuer, nonce);
    const body = draft13
      ? {
          ...(token.credentialIdentifier
            ? { credential_identifier: token.credentialIdentifier }
            : { format: configuration.format, credential_configuration_id: configuration.id }),
          proof: { proof_type: "jwt", jwt },
        }
      : {
          ...(token.credentialIdentifier
            ? { credential_identifier: token.credentialIdentifier }
            : { credential_configuration_id: configuration.id }),
          proofs: { jwt: [jwt] },
        };
    const doc = await send(ctx.http, issuer.credentialEndpoint, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        authorization: `Bearer ${token.accessToken}`,
      },
      body: JSON.stringify(body),
    });
    const json = jsonOf(doc);
    if (doc.status === 200 || doc.status === 202) return issuedCredentialText(json);
    const err = oauthErrorSchema.safeParse(json);
    const code = err.success ? err.data.error : "";
    if (code === "invalid_proof" || code === "invalid_nonce") {
      const fresh =
        err.success && err.data.c_nonce ? err.data.c_nonce : draft13 ? null : await freshNonce(ctx.http, issuer);
      if (attempt === 0 && fresh && fresh !== nonce) {
        nonce = fresh;
        continue;
      }
      throw new Oid4vciError("OID4VCI_NONCE");
    }
    if (code === "unsupported_credential_format" || code === "unknown_credential_configuration") {
      throw new Oid4vciError("OID4VCI_UNSUPPORTED");
    }
    throw new Oid4vciError("OID4VCI_CREDENTIAL_REFUSED");
  }
}

/** The credential, through the one import path: the same draft (and "already in your wallet") as an upload. */
async function stageReceived(ctx: ReceiveContext, text: string): Promise<StageResult> {
  const ingested = await readCredential({ text }, { fetcher: ctx.http });
  if (ingested.kind !== "credential" && ingested.kind !== "learner-record") {
    throw new Oid4vciError("OID4VCI_UNSUPPORTED");
  }
  return stageIngested(ctx, ingested, "url");
}

/** Pre-authorized code flow: token (with the learner's transaction code when asked), nonce, proof, credential. */
export async function receivePreAuthorized(
  ctx: ReceiveContext,
  text: string,
  txCode: string | null,
): Promise<StageResult> {
  const resolved = await resolveOffer(ctx.http, text);
  const pre = resolved.offer.preAuthorized;
  if (!pre) throw new Oid4vciError("OID4VCI_BAD_OFFER");
  const configuration = chooseConfiguration(resolved);
  if (pre.txCode && !txCode)
    throw new Oid4vciError("OID4VCI_TX_CODE", "Enter the transaction code the issuer sent you.");
  const as = await authorizationServer(ctx.http, resolved, pre.authorizationServer);
  const form: Record<string, string> = { grant_type: PRE_AUTHORIZED_GRANT, "pre-authorized_code": pre.code };
  if (pre.txCode && txCode) {
    form.tx_code = txCode;
    form.user_pin = txCode; // draft 11 issuers
  }
  const token = await requestToken(ctx.http, as.token_endpoint, form, Boolean(pre.txCode));
  return stageReceived(ctx, await requestCredential(ctx, resolved, token, configuration));
}

// ---- Authorization code flow (PKCE S256, state) ------------------------------------------------------

/** What the callback needs; kept in a sealed, short-lived cookie (server/oid4vci/pending.ts). */
export interface PendingAuthorization {
  userId: string;
  offer: string;
  state: string;
  verifier: string;
  redirectUri: string;
}

/** Starts the authorization code flow: where to send the learner, and what to keep until they come back. */
export async function startAuthorization(
  ctx: ReceiveContext,
  text: string,
  redirectUri: string,
  clientId: string,
): Promise<{ location: string; pending: PendingAuthorization }> {
  const resolved = await resolveOffer(ctx.http, text);
  const auth = resolved.offer.authorizationCode;
  if (!auth) throw new Oid4vciError("OID4VCI_BAD_OFFER");
  const configuration = chooseConfiguration(resolved);
  const as = await authorizationServer(ctx.http, resolved, auth.authorizationServer);
  if (!as.authorization_endpoint) throw new Oid4vciError("OID4VCI_BAD_METADATA");
  const state = randomBytes(24).toString("base64url");
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const location = new URL(as.authorization_endpoint);
  const params: Record<string, string> = {
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
    authorization_details: JSON.stringify([
      {
        type: "openid_credential",
        credential_configuration_id: configuration.id,
        ...(as.issuer !== resolved.issuer.credentialIssuer ? { locations: [resolved.issuer.credentialIssuer] } : {}),
      },
    ]),
  };
  if (auth.issuerState) params.issuer_state = auth.issuerState;
  for (const [k, v] of Object.entries(params)) location.searchParams.set(k, v);
  return { location: location.toString(), pending: { userId: ctx.user.id, offer: text, state, verifier, redirectUri } };
}

/** The callback: checks state, exchanges the code with the PKCE verifier, then nonce, proof, credential. */
export async function completeAuthorization(
  ctx: ReceiveContext,
  pending: PendingAuthorization | null,
  answer: { code: string | null; state: string | null; error: string | null },
  clientId: string,
): Promise<StageResult> {
  if (!pending || pending.userId !== ctx.user.id || !answer.state || answer.state !== pending.state) {
    throw new Oid4vciError("OID4VCI_STATE");
  }
  if (answer.error || !answer.code) throw new Oid4vciError("OID4VCI_AUTHORIZATION_DENIED");
  const resolved = await resolveOffer(ctx.http, pending.offer);
  const configuration = chooseConfiguration(resolved);
  const as = await authorizationServer(
    ctx.http,
    resolved,
    resolved.offer.authorizationCode?.authorizationServer ?? null,
  );
  const token = await requestToken(
    ctx.http,
    as.token_endpoint,
    {
      grant_type: "authorization_code",
      code: answer.code,
      redirect_uri: pending.redirectUri,
      code_verifier: pending.verifier,
      client_id: clientId,
    },
    false,
  );
  return stageReceived(ctx, await requestCredential(ctx, resolved, token, configuration));
}
