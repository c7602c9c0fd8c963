// The OAuth consent page in a real Chromium at 375 px (issue #22 §1), against `next start`: an API client (this test,
// with a real callback server on 127.0.0.1) registers, sends a signed-out learner to /oauth/authorize; they sign in,
// come back to the consent page, see the client's name and each scope in plain words, and "Allow" sends them to the
// callback with a code and the state, which the client exchanges for tokens (PKCE S256). "Deny" sends access_denied.
// /account then lists the application, and "Disconnect" ends its tokens (the refresh token is refused). axe-clean.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  baseURL,
  expectNoHorizontalScroll,
  launch,
  newContext,
  screenshot,
  seriousA11yViolations,
  signUp,
} from "./browser";

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

async function register(): Promise<{ id: string; secret: string }> {
  const res = await fetch(`${baseURL()}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: "https://client.example" },
    body: JSON.stringify({
      client_name: "Example Badge Platform",
      client_uri: "https://client.example/",
      tos_uri: "https://client.example/tos",
      policy_uri: "https://client.example/privacy",
      software_id: "example-platform",
      software_version: "1.0",
      redirect_uris: [redirectUri],
      scope: `${OB3}credential.readonly ${OB3}credential.upsert`,
    }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { client_id: string; client_secret: string };
  return { id: body.client_id, secret: body.client_secret };
}

function authorizeUrl(clientId: string, state: string, challenge: string): string {
  const q = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: `${OB3}credential.readonly ${OB3}credential.upsert`,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  return `/oauth/authorize?${q}`;
}

async function token(client: { id: string; secret: string }, form: Record<string, string>) {
  const res = await fetch(`${baseURL()}/oauth/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: "Basic " + Buffer.from(`${client.id}:${client.secret}`).toString("base64"),
      origin: "https://client.example",
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("OAuth consent page (375 px)", () => {
  it("sign in, see who asks and for what, Allow → code; Deny → access_denied; Disconnect ends the tokens", async () => {
    const client = await register();
    // The learner has an account, then arrives signed out from the client.
    const setup = await page();
    const creds = await signUp(setup, { name: "Grace Hopper" });
    const p = await page();
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    await p.goto(authorizeUrl(client.id, "state-allow", challenge));
    await p.waitForURL("**/sign-in?**");
    await p.getByLabel("Email").fill(creds.email);
    await p.getByLabel("Password").fill(creds.password);
    await p.getByRole("button", { name: "Sign in" }).click();
    await p.waitForURL("**/oauth/authorize?**", { timeout: 30_000 });

    await p.getByRole("heading", { name: "Connect Example Badge Platform to your wallet?" }).waitFor();
    await p.getByText("See the Open Badges 3.0 badges in your wallet").waitFor();
    await p.getByText("Add Open Badges 3.0 badges to your wallet, or replace ones it added").waitFor();
    await p.getByRole("link", { name: "https://client.example/tos" }).waitFor();
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
    const tok = await token(client, {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect(tok.status).toBe(200);
    expect(tok.body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });

    // Deny.
    await p.goto(authorizeUrl(client.id, "state-deny", challenge));
    await p.getByRole("button", { name: "Deny" }).click();
    await p.waitForURL(`${redirectUri}?**`, { timeout: 30_000 });
    const denied = new URL(p.url());
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("state")).toBe("state-deny");
    expect(denied.searchParams.get("code")).toBeNull();

    // /account lists the application; Disconnect ends its tokens.
    await p.goto("/account");
    const apps = p.getByRole("list", { name: "Connected applications" });
    await apps.getByRole("heading", { name: "Example Badge Platform" }).waitFor();
    await apps.getByText("See the Open Badges 3.0 badges in your wallet").waitFor();
    expect(await seriousA11yViolations(p)).toEqual([]);
    await expectNoHorizontalScroll(p);
    await p.getByRole("button", { name: "Disconnect Example Badge Platform" }).click();
    // The page refreshes: the application is gone from the list.
    await p.getByText("No application is connected.").waitFor();
    const refreshed = await token(client, {
      grant_type: "refresh_token",
      refresh_token: String(tok.body.refresh_token),
    });
    expect(refreshed.status).toBe(400);
    expect(refreshed.body).toMatchObject({ error: "invalid_grant" });
    await p.reload();
    await p.getByText("No application is connected.").waitFor();
    expect(await seriousA11yViolations(p)).toEqual([]);
  });

  it("an unknown client gets an error page, never a redirect", async () => {
    const p = await page();
    await p.goto(authorizeUrl("no-such-client", "s", "x".repeat(43)));
    await p.getByRole("heading", { name: "This application can't connect" }).waitFor();
    expect(p.url().startsWith(baseURL())).toBe(true);
  });
});
