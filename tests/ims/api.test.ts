// The Open Badges 3.0 / CLR 2.0 APIs (host role) and the OB 2.1 Badge Connect API (issue #22 §1), on a real PGlite
// (or TEST_DATABASE_URL), driven by a minimal client written from the specifications: it discovers, registers with
// the authorization server's own handler (server/oauth), gets a code through grantAuthorization (the consent page's
// "Allow"), exchanges it at the token endpoint, then calls the API handlers with real Requests. Credentials are signed
// with real keys (the test issuer listed in the test registry); hosted OB 2.0 assertions come from a 127.0.0.1 server
// the fetcher is allowed to reach.
import { createHash, randomBytes } from "node:crypto";
import { CompactSign, exportSPKI, generateKeyPair } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDb, insertLearner, type TestDb } from "../support/db";
import { signedOb3 } from "../support/trust";
import { startServer } from "../support/verify";
import { signedClr } from "../support/clr";
import { ob2Assertion } from "../support/wallet";
import { credentials, learnerRecords, userEmails } from "@/db/schema";
import { createFetcher } from "@/lib/net/fetcher";
import { badgeConnectApi, hostApi } from "@/server/ims/api";
import { grantAuthorization } from "@/server/oauth/authorize";
import { handleRegister, handleRevoke, handleToken } from "@/server/oauth/endpoints";
import { OAUTH_SCOPES } from "@/server/oauth/scopes";

const SASH = "https://sash.example";
const REDIRECT = "https://client.example/callback";
const S = OAUTH_SCOPES;

let t: TestDb;
let hosted: Awaited<ReturnType<typeof startServer>>;
const oauthDeps = () => ({ db: t.db });
const deps = () => ({ db: t.db, origin: SASH, fetcher: createFetcher({ allowHosts: [hosted.host] }) });

beforeAll(async () => {
  t = await createTestDb();
  hosted = await startServer();
});
afterAll(async () => {
  await hosted.close();
  await t.close();
});
beforeEach(async () => {
  await t.truncate();
});

async function learner(name: string, email: string) {
  const ctx = await insertLearner(t, name, email);
  await t.db.insert(userEmails).values({ userId: ctx.user.id, email, verifiedAt: new Date() });
  return ctx.user.id;
}

interface Client {
  id: string;
  secret: string;
}

/** Dynamic client registration (RFC 7591) at the registration URL discovery gave. */
async function register(registrationUrl: string, scope: string): Promise<Client> {
  const res = await handleRegister(
    new Request(registrationUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_name: "Example Issuer",
        client_uri: "https://client.example/",
        logo_uri: "https://client.example/logo.png",
        tos_uri: "https://client.example/tos",
        policy_uri: "https://client.example/privacy",
        software_id: "example-issuer",
        software_version: "1.0.0",
        redirect_uris: [REDIRECT],
        token_endpoint_auth_method: "client_secret_basic",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        scope,
      }),
    }),
    oauthDeps(),
  );
  expect(res.status).toBe(201);
  const body = (await res.json()) as { client_id: string; client_secret: string };
  return { id: body.client_id, secret: body.client_secret };
}

const basic = (c: Client) =>
  "Basic " + Buffer.from(`${encodeURIComponent(c.id)}:${encodeURIComponent(c.secret)}`).toString("base64");

/** The learner allows `scopes` (consent), the client exchanges the code with its PKCE verifier. */
async function accessToken(c: Client, userId: string, tokenUrl: string, scopes: string[]): Promise<string> {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const code = await grantAuthorization(
    { userId, clientId: c.id, redirectUri: REDIRECT, scopes, codeChallenge: challenge, state: "s" },
    oauthDeps(),
  );
  const res = await handleToken(
    new Request(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(c) },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      }).toString(),
    }),
    oauthDeps(),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const call = (url: string, token: string, init: RequestInit = {}) =>
  new Request(url, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

function expectImsx(body: unknown, codeMinor: string) {
  expect(body).toMatchObject({
    imsx_codeMajor: "failure",
    imsx_severity: "error",
    imsx_codeMinor: {
      imsx_codeMinorField: [{ imsx_codeMinorFieldName: "TargetEndSystem", imsx_codeMinorFieldValue: codeMinor }],
    },
  });
  expect(typeof (body as { imsx_description: unknown }).imsx_description).toBe("string");
}

describe("Open Badges 3.0 API (host role)", () => {
  it("discovers, registers, upserts a signed credential (201, then 200), pages, reads the profile; scopes and revocation hold", async () => {
    const api = hostApi("ob3", deps());
    const ada = await learner("Ada Lovelace", "ada@example.org");
    const bob = await learner("Bob", "bob@example.org");

    // Discovery: the ServiceDescriptionDocument.
    const sddRes = await api.discovery(new Request(`${SASH}/ims/ob/v3p0/discovery`));
    expect(sddRes.status).toBe(200);
    const sdd = (await sddRes.json()) as {
      openapi: string;
      info: Record<string, string>;
      components: { securitySchemes: { OAuth2ACG: Record<string, unknown> } };
    };
    expect(sdd.openapi).toMatch(/^3\.0/);
    expect(sdd.info["x-imssf-privacyPolicyUrl"]).toBe(`${SASH}/ims/policy#privacy`);
    expect(sdd.info.termsOfService).toBe(`${SASH}/ims/policy#terms`);
    const acg = sdd.components.securitySchemes.OAuth2ACG as {
      type: string;
      "x-imssf-registrationUrl": string;
      flows: { authorizationCode: { authorizationUrl: string; tokenUrl: string; refreshUrl: string; scopes: object } };
    };
    expect(acg.type).toBe("oauth2");
    expect(acg["x-imssf-registrationUrl"]).toBe(`${SASH}/oauth/register`);
    const flow = acg.flows.authorizationCode;
    expect(flow.authorizationUrl).toBe(`${SASH}/oauth/authorize`);
    expect(flow.refreshUrl).toBe(`${SASH}/oauth/token`);
    expect(Object.keys(flow.scopes).sort()).toEqual(Object.values(S.ob3).sort());

    const client = await register(acg["x-imssf-registrationUrl"], Object.values(S.ob3).join(" "));
    const token = await accessToken(client, ada, flow.tokenUrl, [
      S.ob3.credentialReadonly,
      S.ob3.credentialUpsert,
      S.ob3.profileReadonly,
      S.ob3.profileUpdate,
    ]);

    // upsertCredential: a credential signed by the registered test issuer, issued to Ada's verified address.
    const credential = await signedOb3({ email: "ada@example.org", title: "Data Stewardship" });
    const post = (body: unknown, tok = token) =>
      api.upsertCredential(
        call(`${SASH}/ims/ob/v3p0/credentials`, tok, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
    const created = await post(credential);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual(credential);
    const rows = await t.db
      .select({ id: credentials.id, result: credentials.verificationResult, title: credentials.title })
      .from(credentials)
      .where(and(eq(credentials.userId, ada), eq(credentials.externalId, credential.id as string)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.result).toBe("valid");
    expect(rows[0]!.title).toBe("Data Stewardship");

    // The same credential id again: replaced in place (same row), 200.
    const again = await post(credential);
    expect(again.status).toBe(200);
    const after = await t.db.select({ id: credentials.id }).from(credentials).where(eq(credentials.userId, ada));
    expect(after.map((r) => r.id)).toEqual([rows[0]!.id]);

    // A second credential, then a page of one: X-Total-Count and Link.
    expect((await post(await signedOb3({ email: "ada@example.org", title: "Teamwork" }))).status).toBe(201);
    const page = await api.getCredentials(call(`${SASH}/ims/ob/v3p0/credentials?limit=1&offset=0`, token));
    expect(page.status).toBe(200);
    expect(page.headers.get("x-total-count")).toBe("2");
    const link = page.headers.get("link")!;
    expect(link).toContain(`<${SASH}/ims/ob/v3p0/credentials?limit=1&offset=1>; rel="next"`);
    expect(link).toContain('rel="last"');
    expect(link).toContain('rel="first"');
    expect(link).not.toContain('rel="prev"');
    const listed = (await page.json()) as { credential: Array<{ id: string }>; compactJwsString: string[] };
    expect(listed.credential.map((c) => c.id)).toEqual([credential.id]);
    expect(listed.compactJwsString).toEqual([]);
    const future = await api.getCredentials(call(`${SASH}/ims/ob/v3p0/credentials?since=2999-01-01T00:00:00Z`, token));
    expect(future.headers.get("x-total-count")).toBe("0");
    const badQuery = await api.getCredentials(call(`${SASH}/ims/ob/v3p0/credentials?limit=0`, token));
    expect(badQuery.status).toBe(400);
    expectImsx(await badQuery.json(), "invalid_query_parameter");

    // Hostile body: not JSON → 400 invalid_data, nothing written.
    const junk = await api.upsertCredential(
      call(`${SASH}/ims/ob/v3p0/credentials`, token, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{not json",
      }),
    );
    expect(junk.status).toBe(400);
    expectImsx(await junk.json(), "invalid_data");

    // Profile: name and the verified address; putProfile changes the name.
    const profile = await api.getProfile(call(`${SASH}/ims/ob/v3p0/profile`, token));
    expect(await profile.json()).toMatchObject({ type: ["Profile"], name: "Ada Lovelace", email: "ada@example.org" });
    const put = await api.putProfile(
      call(`${SASH}/ims/ob/v3p0/profile`, token, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: ["Profile"], name: "Ada King" }),
      }),
    );
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ name: "Ada King" });

    // Another learner's token never sees Ada's credentials.
    const bobToken = await accessToken(client, bob, flow.tokenUrl, [S.ob3.credentialReadonly]);
    const bobs = await api.getCredentials(call(`${SASH}/ims/ob/v3p0/credentials`, bobToken));
    expect(bobs.headers.get("x-total-count")).toBe("0");
    expect(await bobs.json()).toEqual({ credential: [], compactJwsString: [] });

    // A token without the upsert scope: 403 forbidden.
    const noUpsert = await post(await signedOb3({ email: "bob@example.org" }), bobToken);
    expect(noUpsert.status).toBe(403);
    expectImsx(await noUpsert.json(), "forbidden");

    // After revocation (RFC 7009): 401 unauthorizedrequest.
    const revoked = await handleRevoke(
      new Request(`${SASH}/oauth/revoke`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(client) },
        body: new URLSearchParams({ token }).toString(),
      }),
      oauthDeps(),
    );
    expect(revoked.status).toBe(200);
    const gone = await api.getCredentials(call(`${SASH}/ims/ob/v3p0/credentials`, token));
    expect(gone.status).toBe(401);
    expect(gone.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectImsx(await gone.json(), "unauthorizedrequest");
  });
});

describe("CLR 2.0 API (host role)", () => {
  it("upserts a signed CLR as a learner record (201, then 200) and lists it", async () => {
    const api = hostApi("clr2", deps());
    const ada = await learner("Ada", "ada@example.org");
    const sdd = (await (await api.discovery(new Request(`${SASH}/ims/clr/v2p0/discovery`))).json()) as {
      components: { securitySchemes: { OAuth2ACG: { flows: { authorizationCode: { scopes: object } } } } };
    };
    expect(Object.keys(sdd.components.securitySchemes.OAuth2ACG.flows.authorizationCode.scopes).sort()).toEqual(
      Object.values(S.clr2).sort(),
    );
    const client = await register(`${SASH}/oauth/register`, Object.values(S.clr2).join(" "));
    const token = await accessToken(client, ada, `${SASH}/oauth/token`, [
      S.clr2.credentialReadonly,
      S.clr2.credentialUpsert,
    ]);
    const { clr } = await signedClr({ count: 2 });
    const post = () =>
      api.upsertCredential(
        call(`${SASH}/ims/clr/v2p0/credentials`, token, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(clr),
        }),
      );
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(200);
    const records = await t.db
      .select({ id: learnerRecords.id })
      .from(learnerRecords)
      .where(eq(learnerRecords.userId, ada));
    expect(records).toHaveLength(1);
    const nested = await t.db.select({ id: credentials.id }).from(credentials).where(eq(credentials.userId, ada));
    expect(nested).toHaveLength(2);
    const list = await api.getCredentials(call(`${SASH}/ims/clr/v2p0/credentials`, token));
    expect(list.headers.get("x-total-count")).toBe("1");
    expect(((await list.json()) as { credential: Array<{ id: string }> }).credential[0]!.id).toBe(clr.id);

    // An OB 3.0 credential is not a CLR: 400 invalid_data, nothing filed.
    const wrong = await api.upsertCredential(
      call(`${SASH}/ims/clr/v2p0/credentials`, token, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(await signedOb3({ email: "ada@example.org" })),
      }),
    );
    expect(wrong.status).toBe(400);
    expectImsx(await wrong.json(), "invalid_data");
  });
});

describe("Open Badges 2.1 Badge Connect API (Moodle's external backpack)", () => {
  it("takes Moodle's postAssertion of a hosted assertion, answers status.statusCode 200, lists it with getAssertions", async () => {
    const api = badgeConnectApi(deps());
    const ada = await learner("Ada", "ada@example.org");
    const manifest = (await (await api.discovery(new Request(`${SASH}/ims/ob/v2p1/discovery`))).json()) as {
      badgeConnectAPI: Array<Record<string, unknown>>;
    };
    const conf = manifest.badgeConnectAPI[0]!;
    expect(conf).toMatchObject({ apiBase: `${SASH}/ims/ob/v2p1`, version: "v2p1", tokenUrl: `${SASH}/oauth/token` });
    // Moodle's badges oauth2 client::get_login_url drops the first of scopesOffered from its authorization request
    // (array_search returns false for the absent "profile"/"openid", and unset($a[false]) removes index 0): the first
    // must be one Moodle can do without, never assertion.create.
    expect((conf.scopesOffered as string[])[0]).toBe(S.ob21.assertionReadonly);
    // What Moodle registers (lib/classes/oauth2/discovery/imsbadgeconnect.php): scopesOffered as its scope.
    const client = await register(conf.registrationUrl as string, (conf.scopesOffered as string[]).join(" "));
    const token = await accessToken(client, ada, conf.tokenUrl as string, [
      S.ob21.assertionReadonly,
      S.ob21.assertionCreate,
      S.ob21.profileReadonly,
    ]);
    const url = `${hosted.origin}/badges/assertion.php?b=abc123&obversion=2`;
    const assertion = JSON.parse(ob2Assertion({ id: url }));
    hosted.routes.set("/badges/assertion.php?b=abc123&obversion=2", { body: assertion });
    // Moodle's backpack_api2p1::put_assertions: POST [apiBase]/assertions with {"assertion": <the assertion>}, the
    // assertion as core_badges_assertion::get_badge_assertion() builds it for OB 2.0: the 1.1-style `verify`
    // {type: "hosted", url} (no `verification`), the BadgeClass embedded, evidence a URL; headers as
    // backpack_api2p1_mapping::request sets them.
    const moodleAssertion: Record<string, unknown> = {
      ...assertion,
      verify: { type: "hosted", url },
      evidence: `${hosted.origin}/badges/badge.php?hash=abc123`,
    };
    delete moodleAssertion.verification;
    const send = () =>
      api.postAssertion(
        call(`${conf.apiBase}/assertions`, token, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json", expect: "" },
          body: JSON.stringify({ assertion: moodleAssertion }),
        }),
      );
    const first = await send();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: { error: null, statusCode: 200, statusText: "OK" } });
    expect((await (await send()).json()) as object).toMatchObject({ status: { statusCode: 200 } });
    const held = await t.db
      .select({ spec: credentials.spec, origin: credentials.origin })
      .from(credentials)
      .where(eq(credentials.userId, ada));
    expect(held).toEqual([{ spec: "ob2", origin: "url" }]);

    const list = await api.getAssertions(call(`${conf.apiBase}/assertions?limit=10`, token));
    expect(list.headers.get("x-total-count")).toBe("1");
    const body = (await list.json()) as { status: { statusCode: number }; results: Array<{ id: string }> };
    expect(body.status.statusCode).toBe(200);
    expect(body.results.map((r) => r.id)).toEqual([url]);

    const profile = (await (await api.getProfile(call(`${conf.apiBase}/profile`, token))).json()) as Record<
      string,
      unknown
    >;
    expect(profile).toMatchObject({ status: { statusCode: 200 }, profile: { name: "Ada", email: "ada@example.org" } });

    // A body Moodle would never send: 400 with the status envelope.
    const bad = await api.postAssertion(
      call(`${conf.apiBase}/assertions`, token, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ something: 1 }),
      }),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { status: { statusCode: number } }).status.statusCode).toBe(400);
  });
  it("takes a signed OB 2.0 assertion as {signedAssertion}, checked against the issuer's published key", async () => {
    const api = badgeConnectApi(deps());
    const ada = await learner("Ada", "ada@example.org");
    const client = await register(`${SASH}/oauth/register`, Object.values(S.ob21).join(" "));
    const token = await accessToken(client, ada, `${SASH}/oauth/token`, [S.ob21.assertionCreate]);
    const o = hosted.origin;
    const keys = await generateKeyPair("RS256", { extractable: true });
    hosted.routes.set("/issuer.json", {
      body: {
        "@context": "https://w3id.org/openbadges/v2",
        type: "Issuer",
        id: `${o}/issuer.json`,
        name: "Sash College",
        publicKey: `${o}/key.json`,
      },
    });
    hosted.routes.set("/badge.json", {
      body: {
        type: "BadgeClass",
        id: `${o}/badge.json`,
        name: "Robotics",
        description: "Built a robot.",
        issuer: `${o}/issuer.json`,
      },
    });
    hosted.routes.set("/key.json", {
      body: {
        type: "CryptographicKey",
        id: `${o}/key.json`,
        owner: `${o}/issuer.json`,
        publicKeyPem: await exportSPKI(keys.publicKey),
      },
    });
    const jws = await new CompactSign(
      new TextEncoder().encode(
        JSON.stringify({
          "@context": "https://w3id.org/openbadges/v2",
          type: "Assertion",
          id: "urn:uuid:4d7c1a52-0000-4000-8000-000000000001",
          recipient: { type: "email", hashed: false, identity: "ada@example.org" },
          badge: `${o}/badge.json`,
          issuedOn: "2024-01-02T03:04:05Z",
          verification: { type: "signed", creator: `${o}/key.json` },
        }),
      ),
    )
      .setProtectedHeader({ alg: "RS256", typ: "JWT" })
      .sign(keys.privateKey);
    const send = (signedAssertion: string) =>
      api.postAssertion(
        call(`${SASH}/ims/ob/v2p1/assertions`, token, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ signedAssertion }),
        }),
      );
    const res = await send(jws);
    expect(await res.json()).toEqual({ status: { error: null, statusCode: 200, statusText: "OK" } });
    const rows = await t.db
      .select({ spec: credentials.spec, raw: credentials.raw, verification: credentials.verification })
      .from(credentials)
      .where(eq(credentials.userId, ada));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.raw).toBe(jws);
    const checks = (rows[0]!.verification as { checks: Array<{ id: string; status: string }> }).checks;
    expect(checks.find((c) => c.id === "signature")?.status).toBe("pass");

    // Not a JWS: 400 in the envelope, nothing more filed.
    const bad = await send("not-a-jws");
    expect(bad.status).toBe(400);
    expect(await t.db.select({ id: credentials.id }).from(credentials).where(eq(credentials.userId, ada))).toHaveLength(
      1,
    );
  });
});
