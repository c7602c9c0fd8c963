// OpenID for Verifiable Credential Issuance 1.0 (and the draft-13 shapes still in use), the
// wallet's side: what an offer, the issuer's and the authorization server's metadata, the token
// and credential responses look like (zod, validated at the boundary), the well-known addresses,
// and the proof-of-possession JWT. Pure: no network, no database (server/oid4vci does the I/O).
import { z } from "zod";
import { AppError } from "../errors";
import type { LearnerErrorCode } from "../errors/codes";

/** A refusal the learner reads as it is: one of the OID4VCI_* codes (lib/errors/codes.ts). */
export class Oid4vciError extends AppError {
  constructor(code: LearnerErrorCode, message?: string, options: { cause?: unknown } = {}) {
    super(code, message, { expose: true, status: 422, cause: options.cause });
    this.name = "Oid4vciError";
  }
}

export const PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
export const PROOF_TYPE = "openid4vci-proof+jwt";
/** The formats Sash receives: Open Badges 3.0 / CLR 2.0 as Data Integrity JSON-LD, or a VC-JWT. */
export const SUPPORTED_FORMATS = ["ldp_vc", "jwt_vc_json"] as const;

const httpsUrl = z.string().url();

const txCodeSchema = z
  .object({
    input_mode: z.enum(["numeric", "text"]).optional(),
    length: z.number().int().positive().max(64).optional(),
    description: z.string().max(300).optional(),
  })
  .passthrough();
export type TxCode = z.infer<typeof txCodeSchema>;

const offerSchema = z
  .object({
    credential_issuer: httpsUrl,
    // 1.0: credential_configuration_ids; draft 13 and older: credentials (ids, or objects naming a format).
    credential_configuration_ids: z.array(z.string().min(1)).min(1).optional(),
    credentials: z
      .array(z.union([z.string().min(1), z.record(z.string(), z.unknown())]))
      .min(1)
      .optional(),
    grants: z
      .object({
        [PRE_AUTHORIZED_GRANT]: z
          .object({
            "pre-authorized_code": z.string().min(1),
            tx_code: txCodeSchema.optional(),
            // draft 11: user_pin_required
            user_pin_required: z.boolean().optional(),
            authorization_server: httpsUrl.optional(),
          })
          .passthrough()
          .optional(),
        authorization_code: z
          .object({ issuer_state: z.string().optional(), authorization_server: httpsUrl.optional() })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough()
  .refine((o) => o.credential_configuration_ids || o.credentials, "names no credential");

/** An offer in one shape, whichever draft it came in. */
export interface CredentialOffer {
  credentialIssuer: string;
  configurationIds: string[];
  /** Draft 11 offers named a format instead of a configuration id. */
  legacyFormats: string[];
  preAuthorized: { code: string; txCode: TxCode | null; authorizationServer: string | null } | null;
  authorizationCode: { issuerState: string | null; authorizationServer: string | null } | null;
}

export function parseOffer(json: unknown): CredentialOffer {
  const parsed = offerSchema.safeParse(json);
  if (!parsed.success) throw new Oid4vciError("OID4VCI_BAD_OFFER");
  const o = parsed.data;
  const ids = o.credential_configuration_ids ?? o.credentials!.filter((c): c is string => typeof c === "string");
  const legacy = (o.credentials ?? []).flatMap((c) =>
    typeof c === "object" && typeof c.format === "string" ? [c.format] : [],
  );
  const pre = o.grants?.[PRE_AUTHORIZED_GRANT];
  const auth = o.grants?.authorization_code;
  return {
    credentialIssuer: o.credential_issuer,
    configurationIds: ids,
    legacyFormats: legacy,
    preAuthorized: pre
      ? {
          code: pre["pre-authorized_code"],
          txCode: pre.tx_code ?? (pre.user_pin_required ? {} : null),
          authorizationServer: pre.authorization_server ?? null,
        }
      : null,
    authorizationCode: auth
      ? { issuerState: auth.issuer_state ?? null, authorizationServer: auth.authorization_server ?? null }
      : // An offer with no grants leaves the flow to the wallet: the authorization code flow.
        o.grants
        ? null
        : { issuerState: null, authorizationServer: null },
  };
}

/** What the learner pasted or opened: the offer itself, or where to fetch it. */
export type OfferInput = { kind: "value"; offer: unknown } | { kind: "reference"; uri: string };

/**
 * Reads an `openid-credential-offer://?credential_offer=…` (or `haip://`, or any https link, or a bare
 * query string) carrying `credential_offer` (JSON) or `credential_offer_uri`; pasted offer JSON too.
 */
export function readOfferInput(text: string): OfferInput {
  const t = text.trim();
  if (t.startsWith("{")) {
    try {
      return { kind: "value", offer: JSON.parse(t) };
    } catch {
      throw new Oid4vciError("OID4VCI_BAD_OFFER");
    }
  }
  let params: URLSearchParams;
  try {
    params = t.startsWith("?") ? new URLSearchParams(t) : new URL(t).searchParams;
  } catch {
    throw new Oid4vciError("OID4VCI_BAD_OFFER");
  }
  const byValue = params.get("credential_offer");
  const byReference = params.get("credential_offer_uri");
  if (byValue) {
    try {
      return { kind: "value", offer: JSON.parse(byValue) };
    } catch {
      throw new Oid4vciError("OID4VCI_BAD_OFFER");
    }
  }
  if (byReference) {
    try {
      return { kind: "reference", uri: new URL(byReference).toString() };
    } catch {
      throw new Oid4vciError("OID4VCI_BAD_OFFER");
    }
  }
  throw new Oid4vciError("OID4VCI_BAD_OFFER");
}

/** RFC 8615 with the path inserted (OID4VCI §12.2.2): https://h/a/b → https://h/.well-known/<name>/a/b. */
export function wellKnown(base: string, name: string): string[] {
  const u = new URL(base);
  const path = u.pathname.replace(/\/+$/, "");
  const inserted = `${u.origin}/.well-known/${name}${path}`;
  // Some issuers publish it appended instead (the OpenID Connect Discovery habit); try that second.
  const appended = `${u.origin}${path}/.well-known/${name}`;
  return inserted === appended ? [inserted] : [inserted, appended];
}

const displaySchema = z.array(z.object({ name: z.string().optional(), locale: z.string().optional() }).passthrough());

const configurationSchema = z
  .object({
    format: z.string(),
    scope: z.string().optional(),
    display: displaySchema.optional(),
    credential_definition: z.record(z.string(), z.unknown()).optional(),
    proof_types_supported: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

const issuerMetadataSchema = z
  .object({
    credential_issuer: httpsUrl,
    credential_endpoint: httpsUrl,
    nonce_endpoint: httpsUrl.optional(),
    deferred_credential_endpoint: httpsUrl.optional(),
    authorization_servers: z.array(httpsUrl).optional(),
    // draft 11/12
    authorization_server: httpsUrl.optional(),
    display: displaySchema.optional(),
    credential_configurations_supported: z.record(z.string(), configurationSchema).optional(),
    // draft 11: credentials_supported (an array with ids)
    credentials_supported: z.array(configurationSchema.and(z.object({ id: z.string().optional() }))).optional(),
  })
  .passthrough();

export interface IssuerMetadata {
  credentialIssuer: string;
  credentialEndpoint: string;
  nonceEndpoint: string | null;
  authorizationServers: string[];
  /** The issuer's own name for itself (its claim, nobody checked it). */
  displayName: string | null;
  configurations: Record<string, { format: string; scope: string | null; displayName: string | null }>;
}

function displayName(display: z.infer<typeof displaySchema> | undefined): string | null {
  if (!display?.length) return null;
  const en = display.find((d) => d.locale?.toLowerCase().startsWith("en")) ?? display[0]!;
  return en.name?.trim() || null;
}

export function parseIssuerMetadata(json: unknown, expectedIssuer: string): IssuerMetadata {
  const parsed = issuerMetadataSchema.safeParse(json);
  if (!parsed.success) throw new Oid4vciError("OID4VCI_BAD_METADATA");
  const m = parsed.data;
  // OID4VCI §12.2.3: the credential_issuer in the metadata MUST be the one it was fetched for.
  if (m.credential_issuer.replace(/\/+$/, "") !== expectedIssuer.replace(/\/+$/, "")) {
    throw new Oid4vciError("OID4VCI_BAD_METADATA");
  }
  const configurations: IssuerMetadata["configurations"] = {};
  for (const [id, c] of Object.entries(m.credential_configurations_supported ?? {})) {
    configurations[id] = { format: c.format, scope: c.scope ?? null, displayName: displayName(c.display) };
  }
  for (const c of m.credentials_supported ?? []) {
    if (c.id) configurations[c.id] = { format: c.format, scope: c.scope ?? null, displayName: displayName(c.display) };
  }
  return {
    credentialIssuer: m.credential_issuer,
    credentialEndpoint: m.credential_endpoint,
    nonceEndpoint: m.nonce_endpoint ?? null,
    authorizationServers: m.authorization_servers ?? (m.authorization_server ? [m.authorization_server] : []),
    displayName: displayName(m.display),
    configurations,
  };
}

const asMetadataSchema = z
  .object({
    issuer: httpsUrl,
    token_endpoint: httpsUrl,
    authorization_endpoint: httpsUrl.optional(),
    code_challenge_methods_supported: z.array(z.string()).optional(),
    "pre-authorized_grant_anonymous_access_supported": z.boolean().optional(),
  })
  .passthrough();
export type AuthorizationServerMetadata = z.infer<typeof asMetadataSchema>;

export function parseAuthorizationServerMetadata(json: unknown): AuthorizationServerMetadata {
  const parsed = asMetadataSchema.safeParse(json);
  if (!parsed.success) throw new Oid4vciError("OID4VCI_BAD_METADATA");
  return parsed.data;
}

export const tokenResponseSchema = z
  .object({
    access_token: z.string().min(1),
    token_type: z.string(),
    expires_in: z.number().optional(),
    // draft 13
    c_nonce: z.string().optional(),
    authorization_details: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .passthrough();

export const oauthErrorSchema = z
  .object({ error: z.string(), error_description: z.string().optional(), c_nonce: z.string().optional() })
  .passthrough();

export const nonceResponseSchema = z.object({ c_nonce: z.string().min(1) }).passthrough();

const issuedValue = z.union([z.string().min(1), z.record(z.string(), z.unknown())]);
export const credentialResponseSchema = z
  .object({
    // 1.0: credentials: [{ credential }]; draft 13: credential
    credentials: z
      .array(z.object({ credential: issuedValue }).passthrough())
      .min(1)
      .optional(),
    credential: issuedValue.optional(),
    transaction_id: z.string().optional(),
    c_nonce: z.string().optional(),
  })
  .passthrough();

/** The first credential of a credential response as text (JSON for ldp_vc, the JWT for jwt_vc_json). */
export function issuedCredentialText(json: unknown): string {
  const parsed = credentialResponseSchema.safeParse(json);
  if (!parsed.success) throw new Oid4vciError("OID4VCI_BAD_METADATA");
  const value = parsed.data.credentials?.[0]?.credential ?? parsed.data.credential;
  if (value === undefined) {
    if (parsed.data.transaction_id) throw new Oid4vciError("OID4VCI_DEFERRED");
    throw new Oid4vciError("OID4VCI_BAD_METADATA");
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The proof-of-possession JWT's header and claims (OID4VCI 1.0 Appendix F.1). */
export function proofJwtParts(input: {
  kid: string;
  audience: string;
  nonce: string | null;
  issuedAt: Date;
  clientId?: string | null;
}): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  return {
    header: { alg: "EdDSA", typ: PROOF_TYPE, kid: input.kid },
    payload: {
      aud: input.audience,
      iat: Math.floor(input.issuedAt.getTime() / 1000),
      ...(input.nonce ? { nonce: input.nonce } : {}),
      ...(input.clientId ? { iss: input.clientId } : {}),
    },
  };
}

export function base64url(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes).toString("base64url");
}
