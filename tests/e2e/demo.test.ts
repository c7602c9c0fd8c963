// Issue #24 in the browser, at 375 px: the demo learner's first five minutes on
// the shared test server (a fresh embedded data folder, so demo data is on and the
// wallet was filled at start through the import path). Every page is axe-clean
// (no serious or critical violations) and never scrolls sideways: the wallet (at
// least four credentials, Verified and Not verified), a verified credential
// ("Sash demo issuers"), the not-verified one (why, and the offer to add the
// address), the learner record (CLR), /record, /jobs (best Opportunity Fit above
// 0 %), a job's close-the-gap, /pathways, and the public share pages, opened at
// once by a visitor because the demo's share links are on.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectNoHorizontalScroll, launch, newContext, screenshot, seriousA11yViolations, signIn } from "./browser";

const DEMO = { email: "demo@sash.local", password: "sash-demo-2026" };
// Demo data is on only on the embedded default (E2E_DATABASE_URL runs the suite without it).
const demoOn = !process.env.E2E_DATABASE_URL;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function check(page: Page, name: string) {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  expect({ page: name, violations: await seriousA11yViolations(page) }).toEqual({ page: name, violations: [] });
  await expectNoHorizontalScroll(page);
  await screenshot(page, `demo-375-${name}`);
}

/** The path of a share link shown in a read-only field (its origin is the configured public one). */
async function pathIn(page: Page, label: string): Promise<string> {
  const url = await page.getByLabel(label, { exact: true }).inputValue();
  return new URL(url).pathname;
}

describe.skipIf(!demoOn)("the demo learner at 375 px", () => {
  it("tells the story on every page, axe-clean and without sideways scrolling", async () => {
    const ctx = await newContext(browser, 375);
    const page = await ctx.newPage();
    await signIn(page, DEMO.email, DEMO.password);

    // The wallet: every kind Sash handles, some Verified, one Not verified.
    await check(page, "wallet");
    const main = page.getByRole("main");
    for (const title of [
      "Data Analysis with SQL",
      "Version Control with Git",
      "Python for Data Analysis",
      "Volunteer maths tutor",
    ])
      await expect(main.getByRole("link", { name: title }).first().isVisible()).resolves.toBe(true);
    await expect(
      main
        .getByRole("link", { name: /Sash Demo College transcript/ })
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    const text = await main.innerText();
    expect(text).toMatch(/\bVerified\b/);
    expect(text).toMatch(/Not verified/);

    // A verified credential names the demo registry; its share link is on.
    await main.getByRole("link", { name: "Data Analysis with SQL" }).first().click();
    await page.waitForURL(/\/wallet\/c\//);
    await check(page, "credential-verified");
    expect(await page.getByRole("main").innerText()).toContain("Sash demo issuers");
    const credentialShare = await pathIn(page, "Share link");

    // The not-verified one says why, and offers to add the address it was issued to.
    await page.goto("/wallet");
    await page.getByRole("main").getByRole("link", { name: "Python for Data Analysis" }).first().click();
    await page.waitForURL(/\/wallet\/c\//);
    await check(page, "credential-not-verified");
    const why = await page.getByRole("main").innerText();
    expect(why).toContain("Not verified");
    expect(why).toContain("demo.learner@college.sash-demo.example");
    await expect(page.getByRole("button", { name: "Add this address" }).isVisible()).resolves.toBe(true);

    // The learner record (CLR 2.0) opens to its achievements.
    await page.goto("/wallet");
    await page
      .getByRole("main")
      .getByRole("link", { name: /Sash Demo College transcript/ })
      .first()
      .click();
    await page.waitForURL(/\/wallet\/r\//);
    await check(page, "learner-record");
    expect(await page.getByRole("main").innerText()).toContain("Statistics for Analysts");

    // The whole record, its link on.
    await page.goto("/record");
    await check(page, "record");
    const recordShare = await pathIn(page, "Record link");

    // Jobs: the best fit is above 0 %, with Verified fit beside it.
    await page.goto("/jobs");
    await check(page, "jobs");
    const jobs = page.getByRole("list", { name: /^Jobs, page/ });
    const first = jobs.getByRole("listitem").first();
    const fit = Number(/Opportunity Fit (\d+)%/.exec(await first.innerText())?.[1]);
    expect(fit).toBeGreaterThan(0);
    expect(await first.innerText()).toMatch(/Verified fit \d+%/);
    await first.getByRole("link").first().click();
    await page.waitForURL(/\/jobs\/[^/]+$/);
    await check(page, "job");
    await expect(page.getByRole("heading", { name: "Close the gap" }).isVisible()).resolves.toBe(true);

    await page.goto("/pathways");
    await check(page, "pathways");
    // The best pathway (ranked first) shows a fit above 0 %, and a Verified fit beside it.
    const best = /Whole path (\d+)%/.exec(await page.getByRole("main").innerText());
    expect(Number(best?.[1])).toBeGreaterThan(0);
    expect(await page.getByRole("main").innerText()).toMatch(/Whole path, verified \d+%/);

    // A visitor opens the share pages at once.
    const visitor = await newContext(browser, 375);
    const other = await visitor.newPage();
    for (const [name, path] of [
      ["share-credential", credentialShare],
      ["share-record", recordShare],
    ] as const) {
      const res = await other.goto(path);
      expect({ name, status: res?.status() }).toEqual({ name, status: 200 });
      await check(other, name);
    }
    expect(await other.getByRole("main").innerText()).toContain("Data Analysis with SQL");
    await visitor.close();
    await ctx.close();
  });

  it("shows the demo wallet at 1280 px (the README's screenshot: test-results/screenshots/demo-wallet-1280.png)", async () => {
    const ctx = await newContext(browser, 1280);
    const page = await ctx.newPage();
    await signIn(page, DEMO.email, DEMO.password);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const dir = path.resolve(import.meta.dirname, "../../test-results/screenshots");
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, "demo-wallet-1280.png") });
    await ctx.close();
  });
});
