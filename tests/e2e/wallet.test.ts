import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { bakedOb2, noisePng } from "../support/wallet";
import { haveRealFixtures, realFixture } from "../support/fixtures";
import {
  baseURL,
  expectNoHorizontalScroll,
  launch,
  newContext,
  screenshot,
  seriousA11yViolations,
  signUp,
} from "./browser";

const REAL = realFixture("png");
const HAVE_REAL = haveRealFixtures(
  "png/1edtech-dcpv_ob30-simple-json_ob3.png",
  "png/credly-aws_cloud-practitioner_ob3.png",
);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer) {
  await page.goto("/wallet");
  await page.getByRole("link", { name: "Add credential" }).first().click();
  await page.waitForURL("**/wallet/add");
  await page.getByLabel("Badge image").setInputFiles({ name, mimeType, buffer });
}

describe("wallet, add credential and share link in the browser", () => {
  let walletPage: Page;
  let credentialUrl = "";
  let shareLink = "";

  it("uploads a baked badge, pre-fills the form, saves it under Self-Asserted/Imported", async () => {
    const ctx = await newContext(browser);
    walletPage = await ctx.newPage();
    await signUp(walletPage, { name: "Katherine Johnson" });
    await upload(
      walletPage,
      "data-basics.png",
      "image/png",
      bakedOb2({ title: "Data Basics E2E", id: `https://badges.example.org/a/${Date.now()}` }),
    );
    const title = walletPage.getByLabel("Title", { exact: true });
    await title.waitFor({ timeout: 30_000 });
    await expect.poll(() => title.inputValue(), { timeout: 30_000 }).toBe("Data Basics E2E");
    await expect(walletPage.getByLabel("Description").inputValue()).resolves.toContain("Cleaned and charted");
    await expect(walletPage.getByText("Example Community College").first().isVisible()).resolves.toBe(true);
    await screenshot(walletPage, "add-form-1280");
    expect(await seriousA11yViolations(walletPage)).toEqual([]);
    // A blank title fails the form's shared schema (lib/wallet/rules.ts): the form says so and stays.
    await title.fill("   ");
    await walletPage.getByRole("button", { name: "Submit" }).click();
    await walletPage.getByText("Give the credential a title.").waitFor({ timeout: 10_000 });
    expect(new URL(walletPage.url()).pathname).toBe("/wallet/add");
    await title.fill("Data Basics (edited)");
    await walletPage.getByRole("button", { name: "Submit" }).click();
    await walletPage.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });
    const section = walletPage.getByRole("region", { name: "Self-Asserted/Imported" });
    await section.getByText("Data Basics (edited)").first().waitFor();
    await screenshot(walletPage, "wallet-1280");
    expect(await seriousA11yViolations(walletPage)).toEqual([]);
    await walletPage.setViewportSize({ width: 375, height: 800 });
    await expectNoHorizontalScroll(walletPage);
    await screenshot(walletPage, "wallet-375");
    await walletPage.setViewportSize({ width: 1280, height: 900 });

    await section
      .getByRole("link", { name: /Data Basics \(edited\)/ })
      .first()
      .click();
    await walletPage.waitForURL("**/wallet/c/**");
    credentialUrl = walletPage.url();
    shareLink = await walletPage.getByLabel("Share link", { exact: true }).inputValue();
    expect(shareLink).toMatch(/\/c\/[A-Za-z0-9_-]{22}$/);
  });

  it("serves the share page signed out, with Open Graph tags and a PNG OG image", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const res = await page.goto(shareLink);
    expect(res?.status()).toBe(200);
    const body = await page.textContent("body");
    expect(body).toContain("Data Basics (edited)");
    expect(body).toContain("Katherine Johnson");
    expect(body).toContain("External");
    expect(body).toContain("Example Community College");
    expect(body).not.toMatch(/@example\.org/);
    const ogTitle = await page.locator('meta[property="og:title"]').getAttribute("content");
    expect(ogTitle).toContain("Data Basics");
    const ogImage = await page.locator('meta[property="og:image"]').getAttribute("content");
    expect(ogImage).toBeTruthy();
    const og = await fetch(new URL(ogImage!, baseURL()).toString().replace(/^https?:\/\/[^/]+/, baseURL()));
    expect(og.status).toBe(200);
    expect(og.headers.get("content-type")).toContain("image/png");
    expect(
      Buffer.from(await og.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    expect(res?.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
  });

  it("disable → 404, re-enable → 200, new link → old 404 and new 200", async () => {
    const local = (u: string) => u.replace(/^https?:\/\/[^/]+/, baseURL());
    const status = async (u: string) => (await fetch(local(u))).status;
    await walletPage.goto(credentialUrl);
    const enabled = walletPage.getByLabel("Share link enabled");
    await enabled.uncheck();
    await expect.poll(() => status(shareLink), { timeout: 15_000 }).toBe(404);
    await enabled.check();
    await expect.poll(() => status(shareLink), { timeout: 15_000 }).toBe(200);
    await walletPage.getByRole("button", { name: "New link" }).click();
    const field = walletPage.getByLabel("Share link", { exact: true });
    await expect.poll(() => field.inputValue(), { timeout: 15_000 }).not.toBe(shareLink);
    const fresh = await field.inputValue();
    expect(await status(shareLink)).toBe(404);
    expect(await status(fresh)).toBe(200);
  });

  it("another learner gets 404 for this credential", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signUp(page, { name: "Mallory" });
    const res = await page.goto(credentialUrl);
    expect(res?.status()).toBe(404);
    const file = await page.goto(`${credentialUrl}/file`);
    expect(file?.status()).toBe(404);
    await ctx.close();
  });

  it("explains a stripped image and offers manual entry; refuses an unsupported file", async () => {
    const ctx = await newContext(browser, 375);
    const page = await ctx.newPage();
    await signUp(page);
    await upload(page, "IMG_0001.png", "image/png", noisePng(20, 20, 7));
    await page.getByRole("heading", { name: "This image holds no badge data" }).waitFor({ timeout: 30_000 });
    await expect(
      page
        .getByText(/iOS 16/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, "add-no-data-375");
    await expectNoHorizontalScroll(page);
    await upload(page, "photo.jpg", "image/jpeg", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]));
    await page.getByRole("heading", { name: "This isn't a PNG or SVG badge image" }).waitFor({ timeout: 30_000 });
    await ctx.close();
  });

  it.skipIf(!HAVE_REAL)("imports real issuers' badge files", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signUp(page);
    for (const [file, expected] of [
      ["1edtech-dcpv_ob30-simple-json_ob3.png", /^Teamwork$/],
      ["credly-aws_cloud-practitioner_ob3.png", /^AWS Certified Cloud Practitioner$/],
    ] as const) {
      await upload(page, file, "image/png", fs.readFileSync(path.join(REAL, file)));
      const title = page.getByLabel("Title", { exact: true });
      await title.waitFor({ timeout: 30_000 });
      await expect.poll(() => title.inputValue(), { timeout: 30_000 }).toMatch(expected);
    }
    await ctx.close();
  });

  it("lists jobs with Opportunity Fit", async () => {
    const page = walletPage;
    await page.goto("/jobs?q=instructional");
    await page
      .getByText(/Opportunity Fit \d+%/)
      .first()
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoHorizontalScroll(page);
  });
});
