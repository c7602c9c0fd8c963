// playwright-core driving Debian's Chromium (/usr/bin/chromium); no downloaded browsers.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { ChildProcess } from "node:child_process";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect, inject } from "vitest";
import { simpleParser } from "mailparser";
import { startNextServer } from "../support/next-server";
import { DEFAULT_REGISTRY_URLS } from "../../lib/badges/verify/registries";

/** The fixed test issuer's registry (tests/support/trust.ts TEST_REGISTRY_FILE). */
const TEST_REGISTRY_FILE = "tests/support/registries/sash-test-issuers.json";

const require = createRequire(import.meta.url);

export const baseURL = () => inject("baseURL");

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export async function newContext(browser: Browser, width = 1280): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseURL(), viewport: { width, height: 900 } });
}

let counter = 0;
export function uniqueEmail(prefix = "learner"): string {
  return `${prefix}-${process.pid}-${Date.now()}-${counter++}@example.org`;
}

export async function signUp(page: Page, opts: { name?: string; email?: string; password?: string } = {}) {
  const creds = {
    name: opts.name ?? "Ada Lovelace",
    email: opts.email ?? uniqueEmail(),
    password: opts.password ?? "correct horse battery",
  };
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(creds.name);
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password").fill(creds.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/wallet", { timeout: 30_000 });
  return creds;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/wallet", { timeout: 30_000 });
}

/**
 * Confirms `email` through the mail's link (SASH_DATA_DIR/outbox) and its Confirm address button;
 * throws when no confirmation mail to it has come after about 10 s.
 */
export async function confirmAddress(page: Page, email: string): Promise<void> {
  const dir = path.join(inject("dataDir"), "outbox");
  let link: string | null = null;
  for (let i = 0; i < 100 && !link; i++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
    for (const f of files.sort().reverse()) {
      const mail = await simpleParser(fs.readFileSync(path.join(dir, f)));
      const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : "";
      const m = /https?:\/\/\S+\/account\/verify\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? "");
      if (to.toLowerCase().includes(email.toLowerCase()) && m) {
        link = m[0].replace(/^https?:\/\/[^/]+/, baseURL());
        break;
      }
    }
    if (!link) await new Promise((r) => setTimeout(r, 100));
  }
  if (!link) throw new Error(`no confirmation mail for ${email} in ${dir}`);
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm address" }).click();
  await page.waitForURL("**/account?verified=1");
}

const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core in the page (via CDP, so a strict CSP doesn't block it); returns serious/critical violations. */
export async function seriousA11yViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string; nodes: string[] }>> {
  await page.evaluate(`${axeSource}\n;undefined`);
  const result = await page.evaluate(async () => {
    type AxeResults = { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<AxeResults> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return result.filter((v: { impact: string }) => v.impact === "serious" || v.impact === "critical");
}

export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

export async function screenshot(page: Page, name: string) {
  const dir = path.resolve(import.meta.dirname, "../../test-results/screenshots");
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * A `next start` of its own on the embedded database in `dataDir`, for browser tests that load
 * data through the CLI first (the shared server's folder is locked while it runs).
 */
export async function startOwnServer(
  tag: string,
  dataDir: string,
  /** More variables for this server (e.g. SASH_ALLOW_FETCH_HOSTS for a test issuer or verifier on 127.0.0.1). */
  extraEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string }> {
  return startNextServer({
    logFile: path.resolve(import.meta.dirname, `../../test-results/e2e-${tag}-server.log`),
    readyPath: "/sign-in",
    env: (u) => ({
      SASH_DATA_DIR: dataDir,
      DATABASE_URL: "",
      AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
      NEXTAUTH_URL: u,
      SASH_RATE_LIMIT_IP: "10000",
      SASH_RATE_LIMIT_SIGNUP: "10000",
      // Issue #20: the fixed test issuer (tests/support/trust.ts) is a registered one.
      SASH_ISSUER_REGISTRIES: [...DEFAULT_REGISTRY_URLS, TEST_REGISTRY_FILE].join(","),
      ...extraEnv,
    }),
  });
}
