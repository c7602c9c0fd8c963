import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  baseURL,
  expectNoHorizontalScroll,
  launch,
  newContext,
  screenshot,
  seriousA11yViolations,
  signIn,
  signUp,
  uniqueEmail,
} from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("accounts in the browser", () => {
  it("signs up, lands on the wallet, signs out, and signs back in", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const creds = await signUp(page, { name: "Grace Hopper" });
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Wallet");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/wallet"));
    await expect(page.getByRole("button", { name: "Sign out" }).count()).resolves.toBe(0);

    await signIn(page, creds.email.toUpperCase(), creds.password);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Wallet");
    await ctx.close();
  });

  it("redirects a signed-out visit to /wallet to /sign-in", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("/wallet");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in" }).isVisible()).resolves.toBe(true);
    await ctx.close();
  });

  it("says so when the password is wrong, and keeps the email", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const creds = await signUp(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/wallet"));
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(creds.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Wrong email or password").waitFor();
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await expect(page.getByLabel("Email").inputValue()).resolves.toBe(creds.email);
    await ctx.close();
  });

  it("shows field errors for a taken email and a short password, writing nothing", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const creds = await signUp(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/wallet"));

    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Someone Else");
    await page.getByLabel("Email").fill(creds.email.toUpperCase());
    await page.getByLabel("Password").fill("long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("An account with this email already exists").waitFor();

    await page.getByLabel("Email").fill(uniqueEmail());
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Passwords need at least 8 characters").waitFor();
    expect(new URL(page.url()).pathname).toBe("/sign-up");
    await ctx.close();
  });

  it("sign-in and sign-up pages are accessible and fit a 375 px screen", async () => {
    const ctx = await newContext(browser, 375);
    const page = await ctx.newPage();
    for (const p of ["/sign-in", "/sign-up", "/"]) {
      await page.goto(p);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await expectNoHorizontalScroll(page);
    }
    await screenshot(page, "sign-up-375");
    await ctx.close();
  });

  it("is reachable at the provided base URL", () => {
    expect(baseURL()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
