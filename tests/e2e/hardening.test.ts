// Issue #12 items 3-4 in a real browser against `next start`: security headers on
// every page (and the share pages' stricter policy), callbackUrl can't leave this
// origin, the upload route checks Origin against NEXTAUTH_URL, and the sign-in
// limit per address can't be reset with forged headers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { baseURL, launch, newContext, signUp } from "./browser";
import { startNextServer, stopNextServer } from "../support/next-server";
import { bakedOb2 } from "../support/wallet";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

function cspDirectives(csp: string | null): Map<string, string> {
  const m = new Map<string, string>();
  for (const part of (csp ?? "").split(";")) {
    const [name, ...rest] = part.trim().split(/\s+/);
    if (name) m.set(name, rest.join(" "));
  }
  return m;
}

describe("security headers", () => {
  it("every app page carries a nonce CSP, frame-ancestors 'none', nosniff and a Referrer-Policy — and still works under it", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
    });
    const nonces = new Set<string>();
    for (const p of ["/", "/sign-in", "/sign-up", "/jobs", "/pathways", "/no-such-page"]) {
      const res = await page.goto(p);
      expect(res, p).not.toBeNull();
      const h = res!.headers();
      const csp = cspDirectives(h["content-security-policy"]);
      expect(csp.get("frame-ancestors"), p).toBe("'none'");
      expect(csp.get("object-src"), p).toBe("'none'");
      const nonce = /'nonce-([^']+)'/.exec(csp.get("script-src") ?? "")?.[1];
      expect(nonce, `${p} script-src ${csp.get("script-src")}`).toBeTruthy();
      expect(csp.get("script-src")).not.toContain("unsafe-inline");
      nonces.add(nonce!);
      expect(h["x-content-type-options"], p).toBe("nosniff");
      expect(h["referrer-policy"], p).toBe("strict-origin-when-cross-origin");
      expect(h["x-frame-options"], p).toBe("DENY");
      // Next.js put this response's nonce on its scripts.
      const scriptNonces = await page.$$eval("script", (els) => els.map((e) => (e as HTMLScriptElement).nonce));
      expect(scriptNonces.length, p).toBeGreaterThan(0);
      expect(
        scriptNonces.every((n) => n === nonce),
        p,
      ).toBe(true);
    }
    expect(nonces.size).toBe(6); // fresh per response
    // The app still runs its JavaScript under the policy: a client-side sign-up works.
    await signUp(page);
    expect(violations).toEqual([]);
    await ctx.close();
  });

  it("a client-sent CSP or nonce header doesn't reach the page", async () => {
    const res = await fetch(`${baseURL()}/sign-in`, {
      headers: { "content-security-policy": "script-src 'nonce-attacker'", "x-nonce": "attacker" },
    });
    const html = await res.text();
    expect(res.headers.get("content-security-policy")).not.toContain("attacker");
    expect(html).not.toContain('nonce="attacker"');
  });

  it("share pages keep their own stricter policy (no scripts at all)", async () => {
    for (const p of ["/c/AbCdEfGhIjKlMnOpQrStUv", "/c/x"]) {
      const res = await fetch(`${baseURL()}${p}`);
      expect(res.status).toBe(404);
      const csp = cspDirectives(res.headers.get("content-security-policy"));
      expect(csp.get("script-src"), p).toBe("'none'");
      expect(csp.get("default-src"), p).toBe("'none'");
      expect(csp.get("frame-ancestors"), p).toBe("'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("the wallet can't be framed by another site", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("about:blank");
    await page.setContent(`<iframe id="f" src="${baseURL()}/sign-in" width="600" height="400"></iframe>`);
    await page.waitForTimeout(1500);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const signInShown = frame
      ? await frame
          .locator("text=Sign in to Sash")
          .count()
          .catch(() => 0)
      : 0;
    expect(signInShown).toBe(0);
    await ctx.close();
  });
});

async function signInWithCallback(page: Page, callbackUrl: string, email: string, password: string): Promise<URL> {
  await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname !== "/sign-in", { timeout: 30_000 });
  await page.waitForLoadState("domcontentloaded");
  return new URL(page.url());
}

describe("callbackUrl", () => {
  it("sends every off-site spelling to /wallet and keeps same-site paths", async () => {
    const setup = await newContext(browser);
    const creds = await signUp(await setup.newPage());
    await setup.close();
    const cases: Array<[string, string]> = [
      ["/%5Cevil.example", "/wallet"],
      [encodeURIComponent("/\\evil.example"), "/wallet"],
      ["//evil.example", "/wallet"],
      [encodeURIComponent("https://evil.example/"), "/wallet"],
      [encodeURIComponent("/jobs?q=analyst"), "/jobs"],
    ];
    for (const [raw, expected] of cases) {
      const ctx = await newContext(browser);
      const page = await ctx.newPage();
      const offsite: string[] = [];
      page.on("request", (r) => {
        if (new URL(r.url()).host !== new URL(baseURL()).host) offsite.push(r.url());
      });
      const landed = await signInWithCallback(page, raw, creds.email, creds.password);
      expect(landed.origin, raw).toBe(new URL(baseURL()).origin);
      expect(landed.pathname, raw).toBe(expected);
      expect(offsite, raw).toEqual([]);
      await ctx.close();
    }
  });
});

describe("upload route origin", () => {
  it("refuses a cross-site upload even when it forges X-Forwarded-Host", async () => {
    const res = await fetch(`${baseURL()}/wallet/add/upload`, {
      method: "POST",
      headers: {
        origin: "http://evil.example",
        "x-forwarded-host": "evil.example",
        "content-type": "application/octet-stream",
      },
      body: new Uint8Array([1, 2, 3]),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe("FORBIDDEN");
  });
});

// ---- a server of our own with a small per-address sign-in limit --------------------

describe("sign-in limit per address", () => {
  let child: ChildProcess | undefined;
  let dataDir = "";
  let url = "";

  beforeAll(async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-e2e-limit-"));
    const server = await startNextServer({
      logFile: path.join(root, "test-results", "e2e-limit-server.log"),
      readyPath: "/api/auth/csrf",
      readyStatus: 200,
      timeoutMs: 180_000,
      env: (serverUrl) => ({
        SASH_DATA_DIR: dataDir,
        DATABASE_URL: "",
        SASH_SEED: "0",
        AUTH_SECRET: "e2e-limit-secret-not-for-production-0123",
        NEXTAUTH_URL: serverUrl,
        SASH_RATE_LIMIT_IP: "3",
        SASH_RATE_LIMIT_SIGNUP: "2",
        SASH_RATE_LIMIT_EMAIL: "1000",
        SASH_TRUSTED_PROXY_HOPS: "0",
      }),
    });
    child = server.child;
    url = server.url;
  });

  afterAll(async () => {
    await stopNextServer(child);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A request from a chosen loopback source address (the whole of 127/8 is this machine). */
  function post(
    pathname: string,
    body: string,
    headers: Record<string, string>,
    localAddress: string,
  ): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${url}${pathname}`,
        { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, localAddress },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve(text));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** One credentials sign-in through next-auth's own endpoint, as its client does it. */
  async function attempt(email: string, forged: Record<string, string>, from = "127.0.0.1"): Promise<string> {
    const csrf = await fetch(`${url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const text = await post(
      "/api/auth/callback/credentials",
      new URLSearchParams({
        email,
        password: "wrong password",
        csrfToken,
        callbackUrl: `${url}/wallet`,
        json: "true",
      }).toString(),
      { "content-type": "application/x-www-form-urlencoded", cookie, origin: url, ...forged },
      from,
    );
    return new URL((JSON.parse(text) as { url: string }).url).searchParams.get("error") ?? "none";
  }

  it("throttles sign-ups per address in the server action, whatever X-Forwarded-For says", async () => {
    const ctx = await browser.newContext({ baseURL: url, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" } });
    const page = await ctx.newPage();
    for (let i = 0; i < 3; i++) {
      await page.goto("/sign-up");
      await page.getByLabel("Name").fill(`Learner ${i}`);
      await page.getByLabel("Email").fill(`signup-${i}-${Date.now()}@example.org`);
      await page.getByLabel("Password").fill("correct horse battery");
      await page.getByRole("button", { name: "Create account" }).click();
      if (i < 2) {
        await page.waitForURL("**/wallet", { timeout: 30_000 });
        await ctx.clearCookies();
      } else {
        await page.getByText("Too many new accounts from your network").waitFor({ timeout: 30_000 });
        expect(new URL(page.url()).pathname).toBe("/sign-up");
      }
    }
    await ctx.close();
  });

  it("a fresh X-Forwarded-For or a forged peer header per attempt doesn't reset it; another socket address has its own", async () => {
    const results: string[] = [];
    for (let i = 0; i < 6; i++) {
      results.push(
        await attempt(`spray-${i}@example.org`, {
          "x-forwarded-for": `203.0.113.${i + 1}`,
          "x-sash-peer": `198.51.100.${i + 1}`,
          "x-real-ip": `192.0.2.${i + 1}`,
        }),
      );
    }
    expect(results).toEqual([
      "CredentialsSignin",
      "CredentialsSignin",
      "CredentialsSignin",
      "RATE_LIMITED",
      "RATE_LIMITED",
      "RATE_LIMITED",
    ]);
    // The limit follows the connecting socket: a learner on another address is unaffected.
    expect(await attempt("someone-else@example.org", {}, "127.0.0.2")).toBe("CredentialsSignin");
    expect(await attempt("spray-0@example.org", { "x-forwarded-for": "127.0.0.2" }, "127.0.0.1")).toBe("RATE_LIMITED");
    const log = fs.readFileSync(path.resolve(import.meta.dirname, "../../test-results/e2e-limit-server.log"), "utf8");
    expect(log).not.toContain("no trustworthy client address");
  });
});

// ---- a server on a throwaway PostgreSQL that we then stop --------------------------

describe("database down", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  let child: ChildProcess | undefined;
  let pgDir = "";
  let url = "";

  beforeAll(async () => {
    const r = spawnSync("bash", [path.join(root, "scripts/pg-test-cluster.sh")], { encoding: "utf8" });
    if (r.status !== 0)
      throw new Error(`could not start a throwaway PostgreSQL (scripts/pg-test-cluster.sh): ${r.stderr}`);
    const [databaseUrl, dir] = r.stdout.trim().split(/\s+/);
    pgDir = dir;
    const server = await startNextServer({
      logFile: path.join(root, "test-results", "e2e-dbdown-server.log"),
      readyPath: "/api/health",
      readyStatus: 200,
      timeoutMs: 180_000,
      env: (serverUrl) => ({
        DATABASE_URL: databaseUrl,
        SASH_SEED: "0",
        SASH_REVERIFY: "0",
        AUTH_SECRET: "e2e-dbdown-secret-not-for-production-01",
        NEXTAUTH_URL: serverUrl,
      }),
    });
    child = server.child;
    url = server.url;
  });

  afterAll(async () => {
    await stopNextServer(child, 0);
    if (pgDir) spawnSync("bash", [path.join(root, "scripts/pg-test-cluster.sh"), "stop", pgDir]);
  });

  it("answers pages and uncached share links 503 with one plain sentence, keeps cached share links working, and the open add page says it once", async () => {
    expect((await fetch(`${url}/jobs`)).status).toBe(200);
    // A learner has the add page open when the database goes away.
    const ctx = await browser.newContext({ baseURL: url });
    const page = await ctx.newPage();
    await signUp(page);
    // One shared credential whose page, image and OG image are read (so cached) before the outage.
    await page.goto("/wallet/add");
    await page
      .getByLabel("Badge image")
      .setInputFiles({ name: "kept.png", mimeType: "image/png", buffer: bakedOb2({ title: "Kept Badge" }) });
    const title = page.getByLabel("Title", { exact: true });
    await expect.poll(() => title.inputValue(), { timeout: 30_000 }).toBe("Kept Badge");
    await page.getByRole("button", { name: "Submit" }).click();
    await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });
    await page
      .getByRole("link", { name: /Kept Badge/ })
      .first()
      .click();
    await page.waitForURL("**/wallet/c/**");
    const shareLink = await page.getByLabel("Share link", { exact: true }).inputValue();
    const shareParts = ["", "/image", "/og"];
    // Twice: the first read may come before this process's LISTEN is in place (then nothing is cached).
    for (let round = 0; round < 2; round++) {
      for (const part of shareParts) expect((await fetch(shareLink + part)).status, part).toBe(200);
      await new Promise((r) => setTimeout(r, 1000));
    }
    await page.goto("/wallet/add");
    spawnSync("bash", [path.join(root, "scripts/pg-test-cluster.sh"), "stop", pgDir]);
    pgDir = "";
    await new Promise((r) => setTimeout(r, 1500));
    await page
      .getByLabel("Badge image")
      .setInputFiles({ name: "badge.png", mimeType: "image/png", buffer: bakedOb2({ title: "Outage Badge" }) });
    await page.getByRole("heading", { name: "Nothing was added" }).waitFor({ timeout: 30_000 });
    const text = await page.locator("main").innerText();
    expect(text.split("Sash can't reach its database right now — try again in a minute"), text).toHaveLength(2); // said once
    await ctx.close();
    const message = "Sash can't reach its database right now — try again in a minute";
    // The pool's dropped connections trigger an immediate check: the very next page is already a 503.
    await new Promise((r) => setTimeout(r, 1500));
    const res = await fetch(`${url}/jobs`);
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html.split(message)).toHaveLength(2);
    expect(html).not.toMatch(/ECONNREFUSED|postgres:\/\//);
    for (const p of ["/", "/wallet", "/pathways"]) {
      const r = await fetch(`${url}${p}`, { redirect: "manual" });
      expect(r.status, p).toBe(503);
      expect(await r.text(), p).toContain(message);
    }
    // A link already cached keeps working: with the database down, nothing can have changed it.
    for (const part of shareParts) {
      const kept = await fetch(shareLink + part);
      expect(kept.status, part).toBe(200);
      if (part === "") expect(await kept.text()).toContain("Kept Badge");
    }
    const share = await fetch(`${url}/c/AbCdEfGhIjKlMnOpQrStUv`);
    expect(share.status).toBe(503);
    expect((await share.text()).split(message)).toHaveLength(2);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, code: "DATABASE_UNAVAILABLE", message });
  });
});
