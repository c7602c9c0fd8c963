// The OAuth 2.0 authorization server of the 1EdTech APIs (issue #22 §1), on a real PGlite (or TEST_DATABASE_URL):
// registration (RFC 7591), the authorization code grant with PKCE S256, the token endpoint (codes single use, refresh
// rotation with reuse detection), revocation (RFC 7009), the bearer check resource endpoints use, and /account's
// Connected applications with Disconnect. Handlers get real Request objects; time is an injected clock.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, insertLearner, type TestDb } from "../support/db";
import { rowsOf } from "@/db/queries/sql";
import { checkAuthorizationRequest, grantAuthorization } from "@/server/oauth/authorize";
import { OAuthBearerError, requireBearer } from "@/server/oauth/bearer";
import { connectedApps, disconnectApp } from "@/server/oauth/connected";
import { handleRegister, handleRevoke, handleToken, REGISTRATIONS_PER_HOUR } from "@/server/oauth/endpoints";
import { hitRateLimit } from "@/server/auth/rate-limit";
import { handleMetadata } from "@/server/oauth/metadata";
import { ALL_SCOPES, OAUTH_SCOPES, oauthEndpoints } from "@/server/oauth/scopes";

let t: TestDb;
let clock = new Date("2026-12-05T12:00:00Z");
const deps = () => ({ db: t.db, now: () => clock });

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.truncate();
  clock = new Date("2026-12-05T12:00:00Z");
});

const SASH = "https://sash.example";
const REDIRECT = "https://client.example/callback";
const READ = OAUTH_SCOPES.ob3.credentialReadonly;
const UPSERT = OAUTH_SCOPES.ob3.credentialUpsert;

function metadata(over: Record<string, unknown> = {}) {
  return {
    client_name: "Example Issuer",
    client_uri: "https://client.example/",
    logo_uri: "https://client.example/logo.png",
    tos_uri: "https://client.example/tos",
    policy_uri: "https://client.example/privacy",
    software_id: "c88b6ed8-269e-448e-99be-7e2ff47167d1",
    software_version: "1.0.0",
    redirect_uris: [REDIRECT],
    token_endpoint_auth_method: "client_secret_basic",
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    scope: `${READ} ${UPSERT} ${OAUTH_SCOPES.ob3.profileReadonly}`,
    ...over,
  };
}

const register = (body: unknown) =>
  handleRegister(
    new Request(`${SASH}/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    deps(),
  );

interface Client {
  id: string;
  secret: string;
}

async function newClient(over: Record<string, unknown> = {}): Promise<Client> {
  const res = await register(metadata(over));
  expect(res.status).toBe(201);
  const body = (await res.json()) as { client_id: string; client_secret: string };
  return { id: body.client_id, secret: body.client_secret };
}

const basic = (c: Client) =>
  "Basic " + Buffer.from(`${encodeURIComponent(c.id)}:${encodeURIComponent(c.secret)}`).toString("base64");

function post(path: string, c: Client | null, form: Record<string, string>, handler = handleToken) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (c) headers.authorization = basic(c);
  return handler(
    new Request(`${SASH}${path}`, { method: "POST", headers, body: new URLSearchParams(form).toString() }),
    deps(),
  );
}

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge };
}

async function authorize(c: Client, userId: string, scopes: string[] = [READ, UPSERT]) {
  const { verifier, challenge } = pkce();
  const code = await grantAuthorization(
    { userId, clientId: c.id, redirectUri: REDIRECT, scopes, codeChallenge: challenge, state: "xyz" },
    deps(),
  );
  return { code, verifier };
}

interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
  scope: string;
}

async function exchange(c: Client, code: string, verifier: string) {
  return post("/oauth/token", c, {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
}

async function tokensFor(c: Client, userId: string, scopes?: string[]): Promise<Tokens> {
  const { code, verifier } = await authorize(c, userId, scopes);
  const res = await exchange(c, code, verifier);
  expect(res.status).toBe(200);
  return (await res.json()) as Tokens;
}

const bearerReq = (token: string) =>
  new Request(`${SASH}/ims/ob/v3p0/credentials`, { headers: { authorization: `Bearer ${token}` } });

async function bearerCode(token: string, scope: string = READ): Promise<string> {
  try {
    await requireBearer(bearerReq(token), scope, deps());
    return "ok";
  } catch (e) {
    if (e instanceof OAuthBearerError) return `${e.status} ${e.code}`;
    throw e;
  }
}

describe(`OAuth registration (RFC 7591) (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("registers a client: client_id, a secret stored only as a hash, the metadata echoed", async () => {
    const res = await register(metadata({ scope: `${READ} offline_access` }));
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      client_name: "Example Issuer",
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: "client_secret_basic",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      scope: READ, // the unknown scope was left out
      client_id_issued_at: Math.floor(clock.getTime() / 1000),
      client_secret_expires_at: 0,
    });
    const secret = body.client_secret as string;
    expect(secret.length).toBeGreaterThan(40);
    const stored = rowsOf<{ secret_hash: string }>(await t.db.execute(sql`select secret_hash from oauth_clients`));
    expect(stored).toEqual([{ secret_hash: createHash("sha256").update(secret).digest("hex") }]);
  });

  it("accepts http redirect URIs on loopback hosts only (RFC 8252)", async () => {
    expect((await register(metadata({ redirect_uris: ["http://127.0.0.1:8123/cb"] }))).status).toBe(201);
    expect((await register(metadata({ redirect_uris: ["http://localhost/cb"] }))).status).toBe(201);
  });

  it.each([
    ["an http redirect URI on another host", { redirect_uris: ["http://client.example/cb"] }, "invalid_redirect_uri"],
    ["a redirect URI with a fragment", { redirect_uris: [`${REDIRECT}#x`] }, "invalid_redirect_uri"],
    ["no redirect URIs", { redirect_uris: [] }, "invalid_redirect_uri"],
    ["a javascript: redirect URI", { redirect_uris: ["javascript:alert(1)"] }, "invalid_redirect_uri"],
    ["no client_name", { client_name: undefined }, "invalid_client_metadata"],
    ["an overlong client_name", { client_name: "x".repeat(201) }, "invalid_client_metadata"],
    ["an http client_uri", { client_uri: "http://client.example/" }, "invalid_client_metadata"],
    ["a data: logo_uri", { logo_uri: "data:image/png;base64,AAAA" }, "invalid_client_metadata"],
    ["token_endpoint_auth_method none", { token_endpoint_auth_method: "none" }, "invalid_client_metadata"],
    ["the implicit grant", { grant_types: ["implicit"] }, "invalid_client_metadata"],
    ["response type token", { response_types: ["token"] }, "invalid_client_metadata"],
    ["no known scope", { scope: "openid profile" }, "invalid_client_metadata"],
    ["no software_id", { software_id: undefined }, "invalid_client_metadata"],
  ])("refuses %s", async (_what, over, error) => {
    const res = await register(metadata(over));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe(error);
    expect(rowsOf(await t.db.execute(sql`select 1 from oauth_clients`))).toEqual([]);
  });

  it("refuses a body that isn't JSON, and one over the size cap", async () => {
    const notJson = await handleRegister(
      new Request(`${SASH}/oauth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{",
      }),
      deps(),
    );
    expect(notJson.status).toBe(400);
    const huge = await register(metadata({ client_name: "x".repeat(20_000) }));
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { error: string }).error).toBe("invalid_client_metadata");
  });

  it("limits registrations per client address (429)", async () => {
    // Requests without a stamped socket address share the "unknown" bucket.
    for (let i = 0; i < REGISTRATIONS_PER_HOUR - 1; i++)
      await hitRateLimit(t.db, "oauth:register:ip:unknown", { max: REGISTRATIONS_PER_HOUR, windowSeconds: 3600 });
    expect((await register(metadata())).status).toBe(201);
    const res = await register(metadata());
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error: "temporarily_unavailable" });
  });

  it("registers Moodle's request (imsbadgeconnect::register), software_version a JSON number included", async () => {
    const moodle = "https://moodle.example/";
    const res = await register({
      client_name: "Example Moodle",
      client_uri: moodle,
      logo_uri: `${moodle}pix/f/moodle-256.png`,
      tos_uri: moodle,
      policy_uri: moodle,
      software_id: "moodle",
      software_version: 2024100700.01,
      redirect_uris: [`${moodle}admin/oauth2callback.php`],
      token_endpoint_auth_method: "client_secret_basic",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      scope: Object.values(OAUTH_SCOPES.ob21).slice(0, 3).join(" "),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ software_id: "moodle", software_version: "2024100700.01" });
  });

  it("echoes client_secret_post when asked (the token endpoint takes body credentials from every client)", async () => {
    const res = await register(metadata({ token_endpoint_auth_method: "client_secret_post" }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ token_endpoint_auth_method: "client_secret_post" });
  });

  it("serves RFC 8414 authorization server metadata naming the same endpoints", async () => {
    const res = handleMetadata("https://sash.example/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      issuer: "https://sash.example",
      authorization_endpoint: "https://sash.example/oauth/authorize",
      token_endpoint: "https://sash.example/oauth/token",
      registration_endpoint: "https://sash.example/oauth/register",
      revocation_endpoint: "https://sash.example/oauth/revoke",
      scopes_supported: [...ALL_SCOPES],
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      code_challenge_methods_supported: ["S256"],
      service_documentation: "https://sash.example/ims/ob/v3p0/discovery",
      op_policy_uri: "https://sash.example/ims/policy#privacy",
      op_tos_uri: "https://sash.example/ims/policy#terms",
    });
    expect(ALL_SCOPES).toContain(OAUTH_SCOPES.ob3.credentialUpsert);
    expect(ALL_SCOPES).toContain(OAUTH_SCOPES.ob21.assertionCreate);
  });

  it("names its endpoints for the discovery documents", () => {
    expect(oauthEndpoints("https://sash.example/")).toEqual({
      registrationUrl: "https://sash.example/oauth/register",
      authorizationUrl: "https://sash.example/oauth/authorize",
      tokenUrl: "https://sash.example/oauth/token",
      refreshUrl: "https://sash.example/oauth/token",
      revocationUrl: "https://sash.example/oauth/revoke",
    });
  });
});

describe("OAuth authorization request checks", () => {
  it("asks the learner for a good request, with each scope in plain words", async () => {
    const c = await newClient();
    const { challenge } = pkce();
    const check = await checkAuthorizationRequest(
      {
        response_type: "code",
        client_id: c.id,
        redirect_uri: REDIRECT,
        // The OB 3.0 examples add offline_access: Sash leaves it out (a refresh token comes anyway).
        scope: `${READ} ${UPSERT} offline_access`,
        state: "s1",
        code_challenge: challenge,
        code_challenge_method: "S256",
      },
      deps(),
    );
    expect(check.kind).toBe("consent");
    if (check.kind !== "consent") return;
    expect(check.client.name).toBe("Example Issuer");
    expect(check.scopes.map((s) => s.words)).toEqual([
      "See the Open Badges 3.0 badges in your wallet",
      "Add Open Badges 3.0 badges to your wallet, or replace ones it added",
    ]);
  });

  it("shows an error page (never redirects) for an unknown client or an unregistered redirect URI", async () => {
    const c = await newClient();
    const base = { response_type: "code", code_challenge: pkce().challenge, code_challenge_method: "S256" };
    expect(await checkAuthorizationRequest({ ...base, client_id: "nope", redirect_uri: REDIRECT }, deps())).toEqual({
      kind: "error-page",
      code: "OAUTH_UNKNOWN_CLIENT",
    });
    expect(
      await checkAuthorizationRequest({ ...base, client_id: c.id, redirect_uri: "https://evil.example/cb" }, deps()),
    ).toEqual({ kind: "error-page", code: "OAUTH_UNKNOWN_CLIENT" });
  });

  it.each([
    ["plain PKCE", { code_challenge_method: "plain" }, "invalid_request"],
    ["no PKCE", { code_challenge: null, code_challenge_method: null }, "invalid_request"],
    ["response_type token", { response_type: "token" }, "unsupported_response_type"],
    ["a scope the client didn't register", { scope: OAUTH_SCOPES.clr2.credentialUpsert }, "invalid_scope"],
    ["only scopes Sash doesn't know", { scope: "offline_access openid" }, "invalid_scope"],
  ])("redirects %s back to the client as an error with the state", async (_w, over, error) => {
    const c = await newClient();
    const check = await checkAuthorizationRequest(
      {
        response_type: "code",
        client_id: c.id,
        redirect_uri: REDIRECT,
        scope: READ,
        state: "st",
        code_challenge: pkce().challenge,
        code_challenge_method: "S256",
        ...over,
      },
      deps(),
    );
    expect(check.kind).toBe("redirect");
    if (check.kind !== "redirect") return;
    const u = new URL(check.location);
    expect(u.origin + u.pathname).toBe(REDIRECT);
    expect(u.searchParams.get("error")).toBe(error);
    expect(u.searchParams.get("state")).toBe("st");
  });
});

describe("OAuth token endpoint, bearer check, revocation", () => {
  it("exchanges a code with the right PKCE verifier for short-lived, hashed tokens that carry the grant", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const c = await newClient();
    const { code, verifier } = await authorize(c, ada.user.id);
    const res = await exchange(c, code, verifier);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const tok = (await res.json()) as Tokens;
    expect(tok).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: `${READ} ${UPSERT}` });
    // Stored only as hashes.
    const dump = JSON.stringify(rowsOf(await t.db.execute(sql`select * from oauth_tokens`)));
    expect(dump).not.toContain(tok.access_token);
    expect(dump).not.toContain(tok.refresh_token);
    expect(JSON.stringify(rowsOf(await t.db.execute(sql`select * from oauth_codes`)))).not.toContain(code);
    expect(await requireBearer(bearerReq(tok.access_token), READ, deps())).toMatchObject({
      userId: ada.user.id,
      clientId: c.id,
    });
  });

  it("refuses a wrong PKCE verifier, a wrong redirect URI, another client's code and a bad client secret", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const c = await newClient();
    const other = await newClient();
    const a = await authorize(c, ada.user.id);
    const wrong = await exchange(c, a.code, pkce().verifier);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: "invalid_grant" });
    const b = await authorize(c, ada.user.id);
    const wrongUri = await post("/oauth/token", c, {
      grant_type: "authorization_code",
      code: b.code,
      redirect_uri: "https://client.example/other",
      code_verifier: b.verifier,
    });
    expect(await wrongUri.json()).toMatchObject({ error: "invalid_grant" });
    const d = await authorize(c, ada.user.id);
    expect(await (await exchange(other, d.code, d.verifier)).json()).toMatchObject({ error: "invalid_grant" });
    const badSecret = await exchange({ id: c.id, secret: "scs_wrong" }, d.code, d.verifier);
    expect(badSecret.status).toBe(401);
    expect(badSecret.headers.get("www-authenticate")).toMatch(/^Basic/);
    expect(await badSecret.json()).toMatchObject({ error: "invalid_client" });
    const noAuth = await post("/oauth/token", null, { grant_type: "authorization_code", code: d.code });
    expect(noAuth.status).toBe(401);
    // No token was issued by any of these.
    expect(rowsOf(await t.db.execute(sql`select 1 from oauth_tokens`))).toEqual([]);
  });

  it("accepts client credentials in the body too (RFC 6749 §2.3.1)", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const c = await newClient();
    const { code, verifier } = await authorize(c, ada.user.id);
    const res = await post("/oauth/token", null, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      client_id: c.id,
      client_secret: c.secret,
    });
    expect(res.status).toBe(200);
  });

  it("a code used twice fails, and revokes the tokens issued from it (RFC 6749 §4.1.2)", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const c = await newClient();
    const { code, verifier } = await authorize(c, ada.user.id);
    const first = (await (await exchange(c, code, verifier)).json()) as Tokens;
    expect(await bearerCode(first.access_token)).toBe("ok");
    const again = await exchange(c, code, verifier);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "invalid_grant" });
    expect(await bearerCode(first.access_token)).toBe("401 OAUTH_TOKEN_INVALID");
    const refresh = await post("/oauth/token", c, { grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(await refresh.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("an expired code fails (10 minutes)", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const c = await newClient();
    const { code, verifier } = await authorize(c, ada.user.id);
    clock = new Date(clock.getTime() + 10 * 60_000 + 1);
    expect(await (await exchange(c, code, verifier)).json()).toMatchObject({ error: "invalid_grant" });
  });

  it("an access token expires after an hour: 401 OAUTH_TOKEN_EXPIRED; missing and unknown tokens are 401 too", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const c = await newClient();
    const tok = await tokensFor(c, ada.user.id);
    clock = new Date(clock.getTime() + 3599_000);
    expect(await bearerCode(tok.access_token)).toBe("ok");
    clock = new Date(clock.getTime() + 1000);
    expect(await bearerCode(tok.access_token)).toBe("401 OAUTH_TOKEN_EXPIRED");
    expect(await bearerCode("sat_unknown")).toBe("401 OAUTH_TOKEN_INVALID");
    await expect(requireBearer(new Request(`${SASH}/x`), READ, deps())).rejects.toMatchObject({
      code: "OAUTH_TOKEN_MISSING",
      status: 401,
    });
  });

  it("a token without the scope is refused with 403 OAUTH_INSUFFICIENT_SCOPE", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const c = await newClient();
    const tok = await tokensFor(c, ada.user.id, [READ]);
    expect(await bearerCode(tok.access_token, READ)).toBe("ok");
    expect(await bearerCode(tok.access_token, UPSERT)).toBe("403 OAUTH_INSUFFICIENT_SCOPE");
    await expect(requireBearer(bearerReq(tok.access_token), UPSERT, deps())).rejects.toMatchObject({
      wwwAuthenticate: expect.stringContaining('error="insufficient_scope"'),
    });
  });

  it("refresh rotates the pair; a rotated refresh token coming back revokes the whole grant", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const c = await newClient();
    const first = await tokensFor(c, ada.user.id);
    clock = new Date(clock.getTime() + 2 * 3600_000); // the access token has expired
    // With the scope the OB 3.0 example sends (offline_access is ignored; the credential.upsert was granted).
    const res = await post("/oauth/token", c, {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      scope: `${UPSERT} offline_access`,
    });
    expect(res.status).toBe(200);
    const second = (await res.json()) as Tokens;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(await bearerCode(second.access_token)).toBe("ok");
    // The old refresh token is dead, and replaying it ends the grant: the new tokens stop working too.
    const replay = await post("/oauth/token", c, { grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(await replay.json()).toMatchObject({ error: "invalid_grant" });
    expect(await bearerCode(second.access_token)).toBe("401 OAUTH_TOKEN_INVALID");
    const next = await post("/oauth/token", c, { grant_type: "refresh_token", refresh_token: second.refresh_token });
    expect(await next.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("a learner disabled by an admin: their tokens answer 401 and refresh fails", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const c = await newClient();
    const tok = await tokensFor(c, ada.user.id);
    await t.db.execute(sql`update users set disabled = true where id = ${ada.user.id}`);
    expect(await bearerCode(tok.access_token)).toBe("401 OAUTH_TOKEN_INVALID");
    const refresh = await post("/oauth/token", c, { grant_type: "refresh_token", refresh_token: tok.refresh_token });
    expect(await refresh.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("refuses another client's refresh token and an unsupported grant type", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const c = await newClient();
    const other = await newClient();
    const tok = await tokensFor(c, ada.user.id);
    const stolen = await post("/oauth/token", other, { grant_type: "refresh_token", refresh_token: tok.refresh_token });
    expect(await stolen.json()).toMatchObject({ error: "invalid_grant" });
    expect(await bearerCode(tok.access_token)).toBe("ok");
    const cc = await post("/oauth/token", c, { grant_type: "client_credentials" });
    expect(await cc.json()).toMatchObject({ error: "unsupported_grant_type" });
  });

  it("revocation (RFC 7009): the client's own token dies; another client's token and unknown tokens get 200, nothing else", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const c = await newClient();
    const other = await newClient();
    const tok = await tokensFor(c, ada.user.id);
    const notMine = await post("/oauth/revoke", other, { token: tok.access_token }, handleRevoke);
    expect(notMine.status).toBe(200);
    expect(await bearerCode(tok.access_token)).toBe("ok");
    expect((await post("/oauth/revoke", c, { token: "unknown" }, handleRevoke)).status).toBe(200);
    const res = await post(
      "/oauth/revoke",
      c,
      { token: tok.refresh_token, token_type_hint: "refresh_token" },
      handleRevoke,
    );
    expect(res.status).toBe(200);
    expect(await bearerCode(tok.access_token)).toBe("401 OAUTH_TOKEN_INVALID");
    const refresh = await post("/oauth/token", c, { grant_type: "refresh_token", refresh_token: tok.refresh_token });
    expect(await refresh.json()).toMatchObject({ error: "invalid_grant" });
    expect((await post("/oauth/revoke", null, { token: tok.access_token }, handleRevoke)).status).toBe(401);
  });
});

describe("Connected applications and Disconnect", () => {
  it("lists the learner's own connected clients with plain-words scopes and last use; Disconnect ends every token at once", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const bo = await insertLearner(t, "Bo", "bo@example.org");
    const c = await newClient();
    const other = await newClient({ client_name: "Other App" });
    // Two authorizations of the same client (two devices), and Bo's own grant to another client.
    const t1 = await tokensFor(c, ada.user.id, [READ]);
    const t2 = await tokensFor(c, ada.user.id, [UPSERT]);
    const boTok = await tokensFor(other, bo.user.id);
    // A consent whose code was never exchanged isn't a connection.
    await authorize(await newClient({ client_name: "Never Used" }), ada.user.id);
    clock = new Date(clock.getTime() + 5 * 60_000);
    await requireBearer(bearerReq(t1.access_token), READ, deps());

    const apps = await connectedApps(ada.user.id, deps());
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ name: "Example Issuer", uri: "https://client.example/" });
    expect(apps[0]!.scopes.sort()).toEqual(
      [
        "See the Open Badges 3.0 badges in your wallet",
        "Add Open Badges 3.0 badges to your wallet, or replace ones it added",
      ].sort(),
    );
    expect(apps[0]!.lastUsedAt?.getTime()).toBe(clock.getTime());
    // Bo sees only his own; Ada can't disconnect Bo's grant.
    const boApps = await connectedApps(bo.user.id, deps());
    expect(boApps.map((a) => a.name)).toEqual(["Other App"]);
    expect(await disconnectApp(ada.user.id, boApps[0]!.id, deps())).toBe(false);
    expect(await bearerCode(boTok.access_token)).toBe("ok");

    expect(await disconnectApp(ada.user.id, apps[0]!.id, deps())).toBe(true);
    expect(await bearerCode(t1.access_token, READ)).toBe("401 OAUTH_TOKEN_INVALID");
    expect(await bearerCode(t2.access_token, UPSERT)).toBe("401 OAUTH_TOKEN_INVALID");
    const refresh = await post("/oauth/token", c, { grant_type: "refresh_token", refresh_token: t1.refresh_token });
    expect(await refresh.json()).toMatchObject({ error: "invalid_grant" });
    expect(await connectedApps(ada.user.id, deps())).toEqual([]);
    expect(await bearerCode(boTok.access_token)).toBe("ok");
  });

  it("deleting the learner removes their grants, codes and tokens (the client stays)", async () => {
    const ada = await insertLearner(t, "Ada", "ada@example.org");
    const c = await newClient();
    await tokensFor(c, ada.user.id);
    await authorize(c, ada.user.id);
    await t.db.execute(sql`delete from users where id = ${ada.user.id}`);
    for (const table of ["oauth_grants", "oauth_codes", "oauth_tokens"])
      expect(rowsOf(await t.db.execute(sql.raw(`select 1 from ${table}`))), table).toEqual([]);
    expect(rowsOf(await t.db.execute(sql`select 1 from oauth_clients`))).toHaveLength(1);
  });
});
