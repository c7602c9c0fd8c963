// Single sign-on against a real OpenID Connect provider stub on 127.0.0.1 (issue #25 §1):
// discovery, JWKS and a token endpoint issuing RS256 id_tokens signed with jose. The
// code exchange and id_token checks are openid-client's (what next-auth runs); the
// verified claims then go through the same functions next-auth's callbacks call.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { Issuer, type BaseClient } from "openid-client";
import { createTestDb, type TestDb } from "../support/db";
import { userEmails } from "@/db/schema";
import {
  createAccount,
  OidcLinkRefusedError,
  oidcAccount,
  oidcSignInAllowed,
  type OidcProfile,
} from "@/server/auth/accounts";
import { LINK_TTL_MS, signLinkIntent, verifyLinkIntent } from "@/server/auth/oidc-link";

const CLIENT_ID = "sash-test";
const CLIENT_SECRET = "s3cret";
const REDIRECT = "http://sash.test/api/auth/callback/oidc";

let t: TestDb;
let server: http.Server;
let issuerUrl = "";
let key: CryptoKey;
let jwk: JWK;
/** What the provider will say about the next sign-in (keyed by the code it hands out). */
const grants = new Map<string, Record<string, unknown>>();

async function idToken(claims: Record<string, unknown>, signWith: CryptoKey = key): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(issuerUrl)
    .setAudience(CLIENT_ID)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(signWith);
}

let forged: CryptoKey | null = null;

beforeAll(async () => {
  t = await createTestDb();
  const pair = await generateKeyPair("RS256", { extractable: true });
  key = pair.privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/.well-known/openid-configuration") {
      return send(200, {
        issuer: issuerUrl,
        authorization_endpoint: `${issuerUrl}/authorize`,
        token_endpoint: `${issuerUrl}/token`,
        jwks_uri: `${issuerUrl}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      });
    }
    if (req.url === "/jwks") return send(200, { keys: [jwk] });
    if (req.url === "/token" && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const auth = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
      if (auth !== `${CLIENT_ID}:${CLIENT_SECRET}`) return send(401, { error: "invalid_client" });
      const claims = grants.get(form.get("code") ?? "");
      if (!claims || form.get("grant_type") !== "authorization_code") return send(400, { error: "invalid_grant" });
      grants.delete(form.get("code")!);
      return send(200, {
        access_token: "at-" + form.get("code"),
        token_type: "Bearer",
        expires_in: 300,
        id_token: await idToken(claims, forged ?? key),
      });
    }
    send(404, { error: "not_found" });
  };
  server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  forged = null;
});

let client: BaseClient | null = null;
async function rp(): Promise<BaseClient> {
  if (client) return client;
  const issuer = await Issuer.discover(issuerUrl);
  client = new issuer.Client({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT] });
  return client;
}

let codes = 0;
/** One sign-in at the provider: the code exchange and the id_token's checks, as next-auth does them; returns the claims. */
async function signInAtProvider(claims: Record<string, unknown>): Promise<OidcProfile> {
  const code = `code-${++codes}`;
  grants.set(code, claims);
  const tokens = await (await rp()).callback(REDIRECT, { code, state: "st" }, { state: "st" });
  return tokens.claims() as unknown as OidcProfile;
}

describe("single sign-on linking with a real OIDC provider stub (issue #25 §1)", () => {
  it("never takes over an existing account by email, even with both sides verified; links it when its learner connects it", async () => {
    const ada = await createAccount(t.db, {
      name: "Ada",
      email: "ada@school.example",
      password: "correct horse battery",
    });
    await t.db.insert(userEmails).values({ userId: ada.id, email: ada.email, verifiedAt: new Date() });
    const profile = await signInAtProvider({ sub: "s-1", email: "ada@school.example", email_verified: true });
    expect(profile).toMatchObject({ sub: "s-1", email: "ada@school.example", iss: issuerUrl });

    expect(await oidcSignInAllowed(t.db, issuerUrl, profile, null)).toBe(false);
    await expect(oidcAccount(t.db, issuerUrl, profile, null)).rejects.toBeInstanceOf(OidcLinkRefusedError);
    // Another learner's "Connect" can't be used either: linkTo is only ever the signed-in learner's own id.
    expect(await oidcSignInAllowed(t.db, issuerUrl, profile, ada.id)).toBe(true);
    expect((await oidcAccount(t.db, issuerUrl, profile, ada.id)).id).toBe(ada.id);

    // From then on the identity opens Ada's account by itself.
    const again = await signInAtProvider({ sub: "s-1", email: "ada@school.example", email_verified: true });
    expect(await oidcSignInAllowed(t.db, issuerUrl, again, null)).toBe(true);
    expect((await oidcAccount(t.db, issuerUrl, again, null)).id).toBe(ada.id);
  });

  it("an account created by an SSO identity is opened by that identity only", async () => {
    const first = await signInAtProvider({
      sub: "s-2",
      email: "grace@school.example",
      email_verified: "true",
      name: "Grace\r\nURGENT: diploma revoked",
    });
    expect(await oidcSignInAllowed(t.db, issuerUrl, first, null)).toBe(true);
    const grace = await oidcAccount(t.db, issuerUrl, first, null);
    expect(grace.name).toBe("Grace URGENT: diploma revoked");
    const back = await signInAtProvider({ sub: "s-2", email: "grace@school.example", email_verified: true });
    expect((await oidcAccount(t.db, issuerUrl, back, null)).id).toBe(grace.id);
    // Another identity at the same provider claiming the same (verified) address is refused.
    const other = await signInAtProvider({ sub: "s-3", email: "grace@school.example", email_verified: true });
    expect(await oidcSignInAllowed(t.db, issuerUrl, other, null)).toBe(false);
    // The same subject at another issuer is another identity.
    expect(await oidcSignInAllowed(t.db, "https://other-idp.example", back, null)).toBe(false);
  });

  it("an id_token not signed by the provider's key never reaches the linking rule", async () => {
    forged = (await generateKeyPair("RS256")).privateKey;
    await expect(signInAtProvider({ sub: "s-1", email: "ada@school.example", email_verified: true })).rejects.toThrow();
  });

  it("the Connect cookie holds only for its account, with a valid signature, for ten minutes", () => {
    const now = Date.now();
    const value = signLinkIntent("6f1c1f1e-0000-4000-8000-000000000001", now, "secret-1");
    expect(verifyLinkIntent(value, now, "secret-1")).toBe("6f1c1f1e-0000-4000-8000-000000000001");
    expect(verifyLinkIntent(value, now + LINK_TTL_MS + 1, "secret-1")).toBeNull();
    expect(verifyLinkIntent(value, now, "secret-2")).toBeNull();
    const [, exp, sig] = value.split(".");
    expect(verifyLinkIntent(`6f1c1f1e-0000-4000-8000-000000000002.${exp}.${sig}`, now, "secret-1")).toBeNull();
    expect(verifyLinkIntent(undefined, now, "secret-1")).toBeNull();
  });
});
