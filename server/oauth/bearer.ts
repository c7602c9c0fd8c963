// The resource endpoints' check (server/ims): `requireBearer(request, scope)` reads the RFC 6750 bearer token and
// answers who is calling — or throws an OAuthBearerError: 401 for a missing, unknown, revoked or expired token
// (OAUTH_TOKEN_MISSING / _INVALID / _EXPIRED), 403 for a live token without the scope (OAUTH_INSUFFICIENT_SCOPE). Its
// `wwwAuthenticate` is the RFC 6750 §3 header value the answer should carry.
import { AppError, type ErrorCode } from "@/lib/errors";
import { findTokenByAccessHash, touchGrant } from "@/db/queries/oauth";
import { sha256Hex } from "./crypto";
import { resolve, type OAuthDeps } from "./deps";

export class OAuthBearerError extends AppError {
  /** The WWW-Authenticate header value for this failure (RFC 6750 §3). */
  readonly wwwAuthenticate: string;
  constructor(code: ErrorCode, status: 401 | 403, wwwAuthenticate: string) {
    super(code, undefined, { expose: true, status });
    this.name = "OAuthBearerError";
    this.wwwAuthenticate = wwwAuthenticate;
  }
}

export interface BearerCaller {
  /** The learner who granted the access (users.id). */
  userId: string;
  /** The client's public client_id (as registered). */
  clientId: string;
  /** Every scope of the grant. */
  scopes: string[];
  grantId: string;
}

const REALM = 'Bearer realm="Sash"';

/** The bearer token of an `Authorization: Bearer …` header (RFC 6750 §2.1), or null. */
export function bearerToken(request: Request): string | null {
  const h = request.headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(h);
  return m ? m[1]! : null;
}

export async function requireBearer(request: Request, scope: string, deps?: OAuthDeps): Promise<BearerCaller> {
  const token = bearerToken(request);
  if (!token) throw new OAuthBearerError("OAUTH_TOKEN_MISSING", 401, REALM);
  const invalid = () =>
    new OAuthBearerError(
      "OAUTH_TOKEN_INVALID",
      401,
      `${REALM}, error="invalid_token", error_description="The access token is unknown or revoked"`,
    );
  if (token.length > 200) throw invalid();
  const { db, now } = await resolve(deps);
  const row = await findTokenByAccessHash(db, sha256Hex(token));
  if (!row || row.revokedAt || row.grantRevokedAt || row.userDisabled) throw invalid();
  if (row.accessExpiresAt.getTime() <= now.getTime())
    throw new OAuthBearerError(
      "OAUTH_TOKEN_EXPIRED",
      401,
      `${REALM}, error="invalid_token", error_description="The access token expired"`,
    );
  if (!row.scopes.includes(scope))
    throw new OAuthBearerError(
      "OAUTH_INSUFFICIENT_SCOPE",
      403,
      `${REALM}, error="insufficient_scope", scope="${scope}"`,
    );
  if (!row.grantLastUsedAt || now.getTime() - row.grantLastUsedAt.getTime() > 60_000)
    await touchGrant(db, row.grantId, now);
  return { userId: row.userId, clientId: row.clientId, scopes: row.scopes, grantId: row.grantId };
}
