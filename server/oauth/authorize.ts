// The authorization endpoint's logic (GET /oauth/authorize, RFC 6749 §4.1 with PKCE S256 only, RFC 7636): checking
// the request, and the learner's answer. An unknown client or a redirect URI it didn't register gets an error page
// (never a redirect, §4.1.2.1); every other fault is sent back to the client's redirect URI as `error=…&state=…`.
// `grantAuthorization` is what "Allow" runs: a new grant and its single-use code (10 minutes, bound to the client,
// redirect URI, PKCE challenge, scopes and learner); tests may call it directly instead of a browser.
import { AppError } from "@/lib/errors";
import { findOAuthClient, insertGrantWithCode, type OAuthClientRow } from "@/db/queries/oauth";
import { PKCE_VALUE, randomSecret, sha256Hex } from "./crypto";
import { CODE_TTL_MS, resolve, type OAuthDeps } from "./deps";
import { describeScope, isKnownScope } from "./scopes";

export interface AuthorizationParams {
  response_type?: string | null;
  client_id?: string | null;
  redirect_uri?: string | null;
  scope?: string | null;
  state?: string | null;
  code_challenge?: string | null;
  code_challenge_method?: string | null;
}

export interface ConsentClient {
  clientId: string;
  name: string;
  clientUri: string;
  logoUri: string | null;
  tosUri: string | null;
  policyUri: string | null;
}

export type AuthorizationCheck =
  /** Nothing may be sent to the client: show the learner an error page. */
  | { kind: "error-page"; code: "OAUTH_UNKNOWN_CLIENT" | "OAUTH_INVALID_REQUEST" }
  /** Send the learner back to the client with this error. */
  | { kind: "redirect"; location: string }
  /** Ask the learner. */
  | {
      kind: "consent";
      client: ConsentClient;
      redirectUri: string;
      scopes: { uri: string; words: string }[];
      codeChallenge: string;
      state: string | null;
    };

/** The client's redirect URI with the answer's parameters added (RFC 6749 §4.1.2: query component). */
export function authorizationResponseUrl(
  redirectUri: string,
  params: Record<string, string | null | undefined>,
): string {
  const u = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v != null) u.searchParams.set(k, v);
  return u.toString();
}

function splitScopes(scope: string | null | undefined): string[] {
  return [...new Set((scope ?? "").split(" ").filter(Boolean))];
}

/** The redirect URI the request names, when the client registered it exactly (RFC 6749 §3.1.2.3 simple string comparison). */
function registeredRedirect(client: OAuthClientRow, asked: string | null | undefined): string | null {
  if (asked == null || asked === "") return client.redirectUris.length === 1 ? client.redirectUris[0]! : null;
  return client.redirectUris.includes(asked) ? asked : null;
}

/** Checks an authorization request (before the learner is asked, and again when they answer). */
export async function checkAuthorizationRequest(p: AuthorizationParams, deps?: OAuthDeps): Promise<AuthorizationCheck> {
  const { db } = await resolve(deps);
  const client = p.client_id ? await findOAuthClient(db, p.client_id) : null;
  if (!client) return { kind: "error-page", code: "OAUTH_UNKNOWN_CLIENT" };
  const redirectUri = registeredRedirect(client, p.redirect_uri);
  if (!redirectUri) return { kind: "error-page", code: "OAUTH_UNKNOWN_CLIENT" };
  const state = p.state ?? null;
  const fail = (error: string, description: string): AuthorizationCheck => ({
    kind: "redirect",
    location: authorizationResponseUrl(redirectUri, { error, error_description: description, state }),
  });
  if (state !== null && state.length > 2000) return fail("invalid_request", "state is too long");
  if (p.response_type !== "code") return fail("unsupported_response_type", "Only response_type=code is supported");
  if (!p.code_challenge) return fail("invalid_request", "PKCE is required: code_challenge with S256");
  if (p.code_challenge_method !== "S256")
    return fail("invalid_request", "Only code_challenge_method=S256 is supported");
  if (!PKCE_VALUE.test(p.code_challenge)) return fail("invalid_request", "code_challenge is malformed");
  const registered = splitScopes(client.scope);
  // Scopes Sash doesn't know are left out (RFC 6749 §3.3: the server may ignore part of the request): the OB 3.0
  // examples ask for `offline_access` beside the API scopes, and a refresh token comes with every grant anyway. A
  // known scope the client didn't register, or nothing known at all, is invalid_scope.
  const asked = p.scope ? splitScopes(p.scope).filter(isKnownScope) : registered;
  if (!asked.length || asked.some((s) => !registered.includes(s)))
    return fail("invalid_scope", "A requested scope is unknown or was not registered by this client");
  return {
    kind: "consent",
    client: {
      clientId: client.clientId,
      name: client.clientName,
      clientUri: client.clientUri,
      logoUri: client.logoUri,
      tosUri: client.tosUri,
      policyUri: client.policyUri,
    },
    redirectUri,
    scopes: asked.map((uri) => ({ uri, words: describeScope(uri) })),
    codeChallenge: p.code_challenge,
    state,
  };
}

export interface GrantInput {
  userId: string;
  /** The client's public client_id. */
  clientId: string;
  redirectUri: string;
  scopes: string[];
  /** The S256 PKCE challenge of the authorization request. */
  codeChallenge: string;
  state?: string | null;
}

/** "Allow": records the learner's consent and returns the single-use authorization code. */
export async function grantAuthorization(input: GrantInput, deps?: OAuthDeps): Promise<string> {
  const { db, now } = await resolve(deps);
  const client = await findOAuthClient(db, input.clientId);
  if (!client || !client.redirectUris.includes(input.redirectUri))
    throw new AppError("OAUTH_UNKNOWN_CLIENT", undefined, { expose: true, status: 400 });
  const registered = splitScopes(client.scope);
  const scopes = [...new Set(input.scopes)];
  if (
    !scopes.length ||
    scopes.some((s) => !isKnownScope(s) || !registered.includes(s)) ||
    !PKCE_VALUE.test(input.codeChallenge)
  )
    throw new AppError("OAUTH_INVALID_REQUEST", undefined, { expose: true, status: 400 });
  const code = randomSecret("sac_");
  await insertGrantWithCode(
    db,
    { userId: input.userId, clientRowId: client.id, scopes },
    {
      codeHash: sha256Hex(code),
      redirectUri: input.redirectUri,
      codeChallenge: input.codeChallenge,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    },
  );
  return code;
}
