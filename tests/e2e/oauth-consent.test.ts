// Issue #22 §1 in a real Chromium against `next start`: this file is a minimal Open Badges 3.0 API client written from
// the specification (OB 3.0 §7 "Open Badges API" and its OAuth 2.0 profile), with a real callback server on
// 127.0.0.1. It discovers (GET /ims/ob/v3p0/discovery, and the RFC 8414 and Badge Connect well-known documents),
// registers (RFC 7591, the spec's body with the discovery document's scope URIs and offline_access), sends a
// signed-out learner to the authorizationUrl with PKCE S256; they sign in, see the consent page at 375 px (the
// client's name, each scope in plain words; axe-clean) and Allow; the client exchanges the code at the tokenUrl
// (client_secret_basic), upserts an OB 3.0 credential signed with a real Ed25519 key by the registered test issuer
// (201, then 200), the learner sees it in the wallet marked Verified, the client reads it back (X-Total-Count,
// Link), "Deny" sends access_denied, and after "Disconnect" on /account the same access token gets 401.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  baseURL,
  confirmAddress,
  expectNoHorizontalScroll,
  launch,
  newContext,
  screenshot,
  seriousA11yViolations,
  signUp,
} from "./browser";
import { signedOb3 } from "../support/trust";

const OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/scope/";
let browser: Browser;
const contexts: BrowserContext[] = [];
let callback: http.Server;
let redirectUri: string;

beforeAll(async () => {
  browser = await launch();
  callback = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><html lang=en><title>Client</title><p>Back at the client</p></html>");
  });
  await new Promise<void>((r) => callback.listen(0, "127.0.0.1", r));
  redirectUri = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/callback`;
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await new Promise((r) => callback?.close(r));
});

async function page(): Promise<Page> {
  const ctx = await newContext(browser, 375);
  contexts.push(ctx);
  return ctx.newPage();
}

async function getJson(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: { accept: "application/json", ...headers } });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

interface Discovered {
  apiBase: string;
  registrationUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  scopes: string[];
}

/** Service discovery: the ServiceDescriptionDocument's OAuth2ACG security scheme. */
async function discover(): Promise<Discovered> {
  const { res, body } = await getJson(`${baseURL()}/ims/ob/v3p0/discovery`);
  expect(res.status).toBe(200);
  const sdd = body as {
    servers: { url: string }[];
    components: {
      securitySchemes: {
        OAuth2ACG: {
          "x-imssf-registrationUrl": string;
          flows: { authorizationCode: { authorizationUrl: string; tokenUrl: string; scopes: Record<string, string> } };
        };
      };
    };
  };
  const scheme = sdd.components.securitySchemes.OAuth2ACG;
  return {
    apiBase: sdd.servers[0]!.url,
    registrationUrl: scheme["x-imssf-registrationUrl"],
    authorizationUrl: scheme.flows.authorizationCode.authorizationUrl,
    tokenUrl: scheme.flows.authorizationCode.tokenUrl,
    scopes: Object.keys(scheme.flows.authorizationCode.scopes),
  };
}

interface Client {
  id: string;
  secret: string;
}

/** RFC 7591 registration with the body the OB 3.0 specification shows. */
async function register(d: Discovered): Promise<Client> {
  const cb = new URL(redirectUri).origin;
  const res = await fetch(d.registrationUrl, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8", accept: "application/json" },
    body: JSON.stringify({
      client_name: "Example Badge Platform",
      client_uri: `${cb}/`,
      logo_uri: `${cb}/logo.png`,
      tos_uri: `${cb}/tos`,
      policy_uri: `${cb}/privacy`,
      software_id: "c88b6ed8-269e-448e-99be-7e2ff47167d1",
      software_version: "v4.0.30319",
      redirect_uris: [redirectUri],
      token_endpoint_auth_method: "client_secret_basic",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      scope: [...d.scopes, "offline_access"].join(" "),
    }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { client_id: string; client_secret: string; scope: string };
  expect(body.scope.split(" ").sort()).toEqual([...d.scopes].sort());
  return { id: body.client_id, secret: body.client_secret };
}

function authorizeUrl(d: Discovered, clientId: string, state: string, challenge: string): string {
  const q = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: `${OB3}credential.readonly ${OB3}credential.upsert offline_access`,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  return `${d.authorizationUrl}?${q}`;
}

async function token(d: Discovered, client: Client, form: Record<string, string>) {
  const res = await fetch(d.tokenUrl, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization:
        "Basic " +
        Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString("base64"),
      accept: "application/json",
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("an Open Badges 3.0 API client (consent at 375 px)", () => {
  it("discovers, registers, gets consent, upserts a signed credential the wallet shows Verified, reads it back; Deny; Disconnect ends access", async () => {
    const d = await discover();
    expect(d.apiBase).toBe(`${baseURL()}/ims/ob/v3p0`);
    expect(d.scopes.sort()).toEqual(
      ["credential.readonly", "credential.upsert", "profile.readonly", "profile.update"].map((s) => OB3 + s),
    );
    // The same endpoints at the well-known addresses (RFC 8414; the OB 2.1 Badge Connect manifest Moodle reads).
    const as = await getJson(`${baseURL()}/.well-known/oauth-authorization-server`);
    expect(as.res.status).toBe(200);
    expect(as.body).toMatchObject({
      issuer: baseURL(),
      authorization_endpoint: d.authorizationUrl,
      token_endpoint: d.tokenUrl,
      registration_endpoint: d.registrationUrl,
      revocation_endpoint: `${baseURL()}/oauth/revoke`,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code", "refresh_token"],
      code_challenge_methods_supported: ["S256"],
    });
    expect(as.body.scopes_supported).toEqual(expect.arrayContaining(d.scopes));
    const bc = await getJson(`${baseURL()}/.well-known/badgeconnect.json`);
    expect(bc.res.status).toBe(200);
    expect(bc.body).toMatchObject({
      type: "Manifest",
      badgeConnectAPI: [{ apiBase: `${baseURL()}/ims/ob/v2p1`, version: "v2p1", tokenUrl: d.tokenUrl }],
    });

    const client = await register(d);
    // The learner has an account whose address is confirmed (so a badge issued to it verifies), then arrives
    // signed out from the client.
    const setup = await page();
    const creds = await signUp(setup, { name: "Grace Hopper" });
    await confirmAddress(setup, creds.email);
    const p = await page();
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    await p.goto(authorizeUrl(d, client.id, "state-allow", challenge));
    await p.waitForURL("**/sign-in?**");
    await p.getByLabel("Email").fill(creds.email);
    await p.getByLabel("Password").fill(creds.password);
    await p.getByRole("button", { name: "Sign in" }).click();
    await p.waitForURL("**/oauth/authorize?**", { timeout: 30_000 });

    await p.getByRole("heading", { name: "Connect Example Badge Platform to your wallet?" }).waitFor();
    await p.getByText("See the Open Badges 3.0 badges in your wallet").waitFor();
    await p.getByText("Add Open Badges 3.0 badges to your wallet, or replace ones it added").waitFor();
    await p.getByRole("link", { name: `${new URL(redirectUri).origin}/tos` }).waitFor();
    expect(await seriousA11yViolations(p)).toEqual([]);
    await expectNoHorizontalScroll(p);
    await screenshot(p, "oauth-consent-375");

    // Allow, from the keyboard.
    await p.getByRole("button", { name: "Allow" }).focus();
    await p.keyboard.press("Enter");
    await p.waitForURL(`${redirectUri}?**`, { timeout: 30_000 });
    const back = new URL(p.url());
    expect(back.searchParams.get("state")).toBe("state-allow");
    const code = back.searchParams.get("code")!;
    expect(code).toBeTruthy();
    // The access token request as the specification shows it (scope included).
    const tok = await token(d, client, {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      scope: `${OB3}credential.readonly ${OB3}credential.upsert offline_access`,
      code_verifier: verifier,
    });
    expect(tok.status).toBe(200);
    expect(tok.body).toMatchObject({
      token_type: "Bearer",
      expires_in: 3600,
      scope: `${OB3}credential.readonly ${OB3}credential.upsert`,
    });
    const bearer = { authorization: `Bearer ${String(tok.body.access_token)}` };

    // upsertCredential: a Data Integrity (eddsa-rdfc-2022) credential issued to the learner's confirmed address.
    const credential = await signedOb3({ email: creds.email, title: "Pushed by the platform" });
    const upsert = () =>
      fetch(`${d.apiBase}/credentials`, {
        method: "POST",
        headers: { ...bearer, "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(credential),
      });
    const created = await upsert();
    expect(created.status).toBe(201);
    expect(((await created.json()) as { id: string }).id).toBe(credential.id);
    const replaced = await upsert();
    expect(replaced.status).toBe(200);
    await replaced.arrayBuffer();

    // The learner sees it in the wallet with its verification status.
    await p.goto("/wallet");
    const card = p.getByRole("article", { name: "Pushed by the platform" });
    await card.waitFor();
    await card.getByText("Verified", { exact: true }).waitFor();
    expect(await card.getByText("Sash Test University").count()).toBeGreaterThan(0);

    // getCredentials reads it back, paged.
    const list = await getJson(`${d.apiBase}/credentials?limit=10&offset=0`, bearer);
    expect(list.res.status).toBe(200);
    expect(list.res.headers.get("x-total-count")).toBe("1");
    const link = list.res.headers.get("link") ?? "";
    expect(link).toMatch(/rel="first"/);
    expect(link).toMatch(/rel="last"/);
    expect((list.body.credential as { id: string }[]).map((c) => c.id)).toEqual([credential.id]);

    // Deny.
    await p.goto(authorizeUrl(d, client.id, "state-deny", challenge));
    await p.getByRole("button", { name: "Deny" }).click();
    await p.waitForURL(`${redirectUri}?**`, { timeout: 30_000 });
    const denied = new URL(p.url());
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("state")).toBe("state-deny");
    expect(denied.searchParams.get("code")).toBeNull();

    // /account lists the application; Disconnect ends its tokens at once.
    await p.goto("/account");
    const apps = p.getByRole("list", { name: "Connected applications" });
    await apps.getByRole("heading", { name: "Example Badge Platform" }).waitFor();
    await apps.getByText("See the Open Badges 3.0 badges in your wallet").waitFor();
    expect(await seriousA11yViolations(p)).toEqual([]);
    await expectNoHorizontalScroll(p);
    await p.getByRole("button", { name: "Disconnect Example Badge Platform" }).click();
    await p.getByText("No application is connected.").waitFor();
    const after = await fetch(`${d.apiBase}/credentials`, { headers: bearer });
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate") ?? "").toMatch(/^Bearer .*error="invalid_token"/);
    await after.arrayBuffer();
    const refreshed = await token(d, client, {
      grant_type: "refresh_token",
      refresh_token: String(tok.body.refresh_token),
    });
    expect(refreshed.status).toBe(400);
    expect(refreshed.body).toMatchObject({ error: "invalid_grant" });
  });

  it("an unknown client gets an error page, never a redirect", async () => {
    const p = await page();
    await p.goto(
      `/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: "no-such-client", redirect_uri: "http://127.0.0.1:1/cb", code_challenge: "x".repeat(43), code_challenge_method: "S256" })}`,
    );
    await p.getByRole("heading", { name: "This application can't connect" }).waitFor();
    expect(p.url().startsWith(baseURL())).toBe(true);
  });
});
