// The authorization server's JSON endpoints, as plain Request → Response functions (app/oauth/*/route.ts wrap them in
// route(); tests call them directly): dynamic client registration (RFC 7591 as the Open Badges 3.0 "Registration"
// section profiles it), the token endpoint (RFC 6749 §4.1.3 with PKCE, §6 refresh with rotation) and revocation
// (RFC 7009). Errors are the protocols' own JSON (`{ error, error_description }`), never cached.
import {
  consumeCode,
  findOAuthClient,
  findTokenByAccessHash,
  findTokenByRefreshHash,
  insertOAuthClient,
  insertTokenPair,
  revokeGrant,
  revokeTokenPair,
  rotateTokenPair,
  type OAuthClientRow,
} from "@/db/queries/oauth";
import { hitRateLimit, sweepRateLimitsIfDue } from "@/server/auth/rate-limit";
import { readBodyCapped } from "@/server/request/body";
import { clientAddressFrom } from "@/server/request/client-address";
import { matchesHash, pkceMatches, randomSecret, sha256Hex } from "./crypto";
import { ACCESS_TOKEN_TTL_S, REFRESH_TOKEN_TTL_MS, resolve, type OAuthDeps } from "./deps";
import { isKnownScope } from "./scopes";

const BODY_CAP = 16 * 1024;
const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-content-type-options": "nosniff",
      ...NO_STORE,
      ...headers,
    },
  });
}

function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): Response {
  return json(status, { error, error_description: description }, headers);
}

// ---- Registration (RFC 7591) ------------------------------------------------------------------------------------

/** Registrations one client address may make in an hour. */
export const REGISTRATIONS_PER_HOUR = 100;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * A URI a client may register: absolute https, or http on a loopback host (RFC 8252 §7.3, for development), no
 * fragment, no credentials, at most 2000 characters.
 */
export function acceptableUri(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return false;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return false;
  }
  if (u.hash || value.includes("#") || u.username || u.password) return false;
  return u.protocol === "https:" || (u.protocol === "http:" && LOOPBACK.has(u.hostname));
}

function text(v: unknown, max: number): v is string {
  return typeof v === "string" && v.trim().length > 0 && v.length <= max && !/[\u0000-\u001f\u007f]/.test(v);
}

export async function handleRegister(req: Request, deps?: OAuthDeps): Promise<Response> {
  const bad = (description: string) => oauthError(400, "invalid_client_metadata", description);
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? ""))
    return bad("The registration request must be application/json");
  const raw = await readBodyCapped(req, BODY_CAP);
  if (raw === "too-large") return bad(`The registration request is larger than ${BODY_CAP} bytes`);
  let m: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(raw));
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return bad("The body must be a JSON object");
    m = parsed as Record<string, unknown>;
  } catch {
    return bad("The body is not valid JSON");
  }
  const uris = m.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0 || uris.length > 10)
    return oauthError(400, "invalid_redirect_uri", "redirect_uris must list 1 to 10 URIs");
  if (!uris.every(acceptableUri))
    return oauthError(
      400,
      "invalid_redirect_uri",
      "Every redirect URI must be an absolute https URI (or http on localhost/127.0.0.1) without a fragment",
    );
  if (!text(m.client_name, 200)) return bad("client_name is required (at most 200 characters)");
  if (!acceptableUri(m.client_uri)) return bad("client_uri is required and must be an https URI");
  for (const k of ["logo_uri", "tos_uri", "policy_uri"] as const)
    if (m[k] !== undefined && !acceptableUri(m[k])) return bad(`${k} must be an https URI`);
  if (!text(m.software_id, 200)) return bad("software_id is required (at most 200 characters)");
  // RFC 7591 makes software_version a string; Moodle sends its $CFG->version, which PHP may encode as a JSON number
  // (imsbadgeconnect::register): a finite number is taken as its decimal text.
  if (typeof m.software_version === "number" && Number.isFinite(m.software_version))
    m.software_version = String(m.software_version);
  if (!text(m.software_version, 100)) return bad("software_version is required (at most 100 characters)");
  // Both methods are accepted at the token endpoint for every client (RFC 8414 metadata lists them); the registration
  // only echoes the one asked for.
  const authMethod = m.token_endpoint_auth_method ?? "client_secret_basic";
  if (authMethod !== "client_secret_basic" && authMethod !== "client_secret_post")
    return bad("token_endpoint_auth_method must be client_secret_basic or client_secret_post");
  const grantTypes = m.grant_types ?? ["authorization_code", "refresh_token"];
  if (
    !Array.isArray(grantTypes) ||
    !grantTypes.includes("authorization_code") ||
    !grantTypes.every((g) => g === "authorization_code" || g === "refresh_token")
  )
    return bad("grant_types must be authorization_code (and refresh_token)");
  const responseTypes = m.response_types ?? ["code"];
  if (!Array.isArray(responseTypes) || !responseTypes.length || !responseTypes.every((r) => r === "code"))
    return bad('response_types must be ["code"]');
  if (typeof m.scope !== "string" || m.scope.length > 4000) return bad("scope is required");
  // Scopes Sash doesn't know are left out (RFC 7591 §2: the server may replace the requested values).
  const scopes = [...new Set(m.scope.split(" ").filter(isKnownScope))];
  if (!scopes.length) return bad("scope names none of the scopes Sash supports");

  const { db, now } = await resolve(deps);
  // Registration is open: a client address may register REGISTRATIONS_PER_HOUR clients an hour.
  await sweepRateLimitsIfDue(db);
  const address = clientAddressFrom((name) => req.headers.get(name));
  if (!(await hitRateLimit(db, `oauth:register:ip:${address}`, { max: REGISTRATIONS_PER_HOUR, windowSeconds: 3600 })))
    return oauthError(429, "temporarily_unavailable", "Too many registrations from this address; try again later", {
      "retry-after": "3600",
    });
  const clientId = randomSecret().slice(0, 32);
  const secret = randomSecret("scs_");
  const row = await insertOAuthClient(db, {
    clientId,
    secretHash: sha256Hex(secret),
    clientName: m.client_name.trim(),
    clientUri: m.client_uri,
    logoUri: (m.logo_uri as string | undefined) ?? null,
    tosUri: (m.tos_uri as string | undefined) ?? null,
    policyUri: (m.policy_uri as string | undefined) ?? null,
    softwareId: m.software_id,
    softwareVersion: m.software_version,
    redirectUris: uris as string[],
    scope: scopes.join(" "),
    createdAt: now,
  });
  return json(201, {
    client_id: row.clientId,
    client_secret: secret,
    client_id_issued_at: Math.floor(now.getTime() / 1000),
    client_secret_expires_at: 0,
    client_name: row.clientName,
    client_uri: row.clientUri,
    ...(row.logoUri ? { logo_uri: row.logoUri } : {}),
    ...(row.tosUri ? { tos_uri: row.tosUri } : {}),
    ...(row.policyUri ? { policy_uri: row.policyUri } : {}),
    software_id: row.softwareId,
    software_version: row.softwareVersion,
    redirect_uris: row.redirectUris,
    token_endpoint_auth_method: authMethod,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    scope: row.scope,
  });
}

// ---- Client authentication (RFC 6749 §2.3.1) ------------------------------------------------------------------------

type ClientAuth = { ok: true; client: OAuthClientRow } | { ok: false; response: Response };

function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, " "));
}

/** HTTP Basic (client_id:client_secret, each form-urlencoded), or client_id + client_secret in the body. */
async function authenticateClient(
  req: Request,
  form: URLSearchParams,
  deps: OAuthDeps | undefined,
): Promise<ClientAuth> {
  const header = req.headers.get("authorization");
  let id: string | null = null;
  let secret: string | null = null;
  const basic = header ? /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header) : null;
  if (basic) {
    try {
      const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
      const at = decoded.indexOf(":");
      if (at > 0) {
        id = formDecode(decoded.slice(0, at));
        secret = formDecode(decoded.slice(at + 1));
      }
    } catch {
      id = null;
    }
  } else if (!header) {
    id = form.get("client_id");
    secret = form.get("client_secret");
  }
  const refuse = (): ClientAuth => ({
    ok: false,
    response: oauthError(401, "invalid_client", "Client authentication failed", {
      "www-authenticate": 'Basic realm="Sash"',
    }),
  });
  if (!id || !secret) return refuse();
  const { db } = await resolve(deps);
  const client = await findOAuthClient(db, id);
  if (!client || !matchesHash(secret, client.secretHash)) return refuse();
  // A client_id in the body must name the same client as the header.
  if (form.get("client_id") && form.get("client_id") !== client.clientId) return refuse();
  return { ok: true, client };
}

async function readForm(req: Request): Promise<URLSearchParams | Response> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers.get("content-type") ?? ""))
    return oauthError(400, "invalid_request", "The request must be application/x-www-form-urlencoded");
  const raw = await readBodyCapped(req, BODY_CAP);
  if (raw === "too-large") return oauthError(400, "invalid_request", "The request is too large");
  const form = new URLSearchParams(new TextDecoder().decode(raw));
  // RFC 6749 §3.2: parameters must not be repeated.
  const seen = new Set<string>();
  for (const k of form.keys()) {
    if (seen.has(k)) return oauthError(400, "invalid_request", `Parameter ${k} is repeated`);
    seen.add(k);
  }
  return form;
}

// ---- Token endpoint ---------------------------------------------------------------------------------------------

async function issuePair(grantScopes: string[]): Promise<{
  access: string;
  refresh: string;
  body: Record<string, unknown>;
  hashes: { accessHash: string; refreshHash: string };
}> {
  const access = randomSecret("sat_");
  const refresh = randomSecret("srt_");
  return {
    access,
    refresh,
    hashes: { accessHash: sha256Hex(access), refreshHash: sha256Hex(refresh) },
    body: {
      access_token: access,
      token_type: "Bearer",
      expires_in: ACCESS_TOKEN_TTL_S,
      refresh_token: refresh,
      scope: grantScopes.join(" "),
    },
  };
}

export async function handleToken(req: Request, deps?: OAuthDeps): Promise<Response> {
  const form = await readForm(req);
  if (form instanceof Response) return form;
  const auth = await authenticateClient(req, form, deps);
  if (!auth.ok) return auth.response;
  const client = auth.client;
  const { db, now } = await resolve(deps);
  const grantType = form.get("grant_type");
  const invalidGrant = (d: string) => oauthError(400, "invalid_grant", d);

  if (grantType === "authorization_code") {
    const code = form.get("code");
    const redirectUri = form.get("redirect_uri");
    const verifier = form.get("code_verifier");
    if (!code || !redirectUri) return oauthError(400, "invalid_request", "code and redirect_uri are required");
    if (!verifier) return oauthError(400, "invalid_request", "code_verifier is required (PKCE)");
    if (code.length > 200) return invalidGrant("The authorization code is invalid");
    const row = await consumeCode(db, sha256Hex(code), now);
    if (!row || row.clientRowId !== client.id) return invalidGrant("The authorization code is invalid");
    if (!row.firstUse) {
      // RFC 6749 §4.1.2: a code used twice revokes every token issued from it.
      await revokeGrant(db, row.grantId, now);
      return invalidGrant("The authorization code was already used; the tokens issued from it are revoked");
    }
    if (row.grantRevoked) return invalidGrant("The authorization was revoked");
    if (row.expiresAt.getTime() <= now.getTime()) return invalidGrant("The authorization code expired");
    if (row.redirectUri !== redirectUri) return invalidGrant("redirect_uri does not match the authorization request");
    if (!pkceMatches(verifier, row.codeChallenge)) return invalidGrant("The PKCE code_verifier does not match");
    const pair = await issuePair(row.scopes);
    await insertTokenPair(
      db,
      row.grantId,
      {
        ...pair.hashes,
        accessExpiresAt: new Date(now.getTime() + ACCESS_TOKEN_TTL_S * 1000),
        refreshExpiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
      },
      now,
    );
    return json(200, pair.body);
  }

  if (grantType === "refresh_token") {
    const refresh = form.get("refresh_token");
    if (!refresh) return oauthError(400, "invalid_request", "refresh_token is required");
    if (refresh.length > 200) return invalidGrant("The refresh token is invalid");
    const row = await findTokenByRefreshHash(db, sha256Hex(refresh));
    if (!row || row.clientRowId !== client.id) return invalidGrant("The refresh token is invalid");
    if (row.rotatedAt) {
      // A rotated refresh token came back: someone holds a copy. End the whole grant.
      await revokeGrant(db, row.grantId, now);
      return invalidGrant("The refresh token was already used; the authorization is revoked");
    }
    if (row.revokedAt || row.grantRevokedAt || row.userDisabled) return invalidGrant("The refresh token was revoked");
    if (row.refreshExpiresAt.getTime() <= now.getTime()) return invalidGrant("The refresh token expired");
    // Scopes Sash doesn't know (`offline_access`, which the OB 3.0 examples send) are ignored, as at authorization.
    const asked = form.get("scope");
    if (asked && asked.split(" ").some((s) => s && isKnownScope(s) && !row.scopes.includes(s)))
      return oauthError(400, "invalid_scope", "A requested scope was not granted");
    const pair = await issuePair(row.scopes);
    const rotated = await rotateTokenPair(
      db,
      row.tokenId,
      {
        ...pair.hashes,
        accessExpiresAt: new Date(now.getTime() + ACCESS_TOKEN_TTL_S * 1000),
        refreshExpiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
      },
      now,
    );
    if (!rotated) {
      await revokeGrant(db, row.grantId, now);
      return invalidGrant("The refresh token was already used; the authorization is revoked");
    }
    return json(200, pair.body);
  }

  if (!grantType) return oauthError(400, "invalid_request", "grant_type is required");
  return oauthError(400, "unsupported_grant_type", "Only authorization_code and refresh_token are supported");
}

// ---- Revocation (RFC 7009) --------------------------------------------------------------------------------------

export async function handleRevoke(req: Request, deps?: OAuthDeps): Promise<Response> {
  const form = await readForm(req);
  if (form instanceof Response) return form;
  const auth = await authenticateClient(req, form, deps);
  if (!auth.ok) return auth.response;
  const token = form.get("token");
  if (!token) return oauthError(400, "invalid_request", "token is required");
  const hint = form.get("token_type_hint");
  if (hint && hint !== "access_token" && hint !== "refresh_token")
    return oauthError(400, "unsupported_token_type", "token_type_hint must be access_token or refresh_token");
  const { db, now } = await resolve(deps);
  if (token.length <= 200) {
    const hash = sha256Hex(token);
    const row =
      hint === "refresh_token"
        ? ((await findTokenByRefreshHash(db, hash)) ?? (await findTokenByAccessHash(db, hash)))
        : ((await findTokenByAccessHash(db, hash)) ?? (await findTokenByRefreshHash(db, hash)));
    // A token of another client is left alone; the answer is the same (§2.2: invalid tokens get 200 too).
    if (row && row.clientRowId === auth.client.id) await revokeTokenPair(db, row.tokenId, auth.client.id, now);
  }
  return new Response(null, { status: 200, headers: NO_STORE });
}
