// Issue #13 §5–6 in the browser: the portfolio page (/record), its share link (a
// fresh context opens it; turned off it is 404 at once), the print view at A4
// and Letter (≤ 2 pages, no navigation or buttons), and "Download everything"
// re-imported into a new account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { bakedOb2 } from "../support/wallet";
import {
  baseURL,
  expectNoHorizontalScroll,
  launch,
  newContext,
  screenshot,
  seriousA11yViolations,
  signIn,
  signUp,
} from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const BADGES = [
  { id: "https://badges.example.org/assertions/e2e-1", title: "Data Basics", skills: ["MS Excel", "Data cleaning"] },
  { id: "https://badges.example.org/assertions/e2e-2", title: "SQL Foundations", skills: ["SQL", "MS Excel"] },
  { id: "https://badges.example.org/assertions/e2e-3", title: "Charting Stories", skills: ["Data visualisation"] },
];

async function upload(page: Page, png: Buffer) {
  await page.goto("/wallet/add");
  await page.getByLabel("Badge image").setInputFiles({ name: "badge.png", mimeType: "image/png", buffer: png });
  const field = page.getByLabel("Title", { exact: true });
  await field.waitFor({ timeout: 30_000 });
  await expect.poll(() => field.inputValue(), { timeout: 30_000 }).not.toBe("");
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });
}

/** Pages in a PDF made by Chromium (one /Type /Page object per page). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

async function printPages(page: Page, format: "A4" | "Letter"): Promise<number> {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format, printBackground: false });
  await page.emulateMedia({ media: "screen" });
  return pdfPages(pdf);
}

describe("the learner record", () => {
  it("shows the wallet by issuer with skills, shares it (fresh context, then 404 when off), prints on ≤ 2 pages, and round-trips through the ZIP", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const { email } = await signUp(page, { name: "Ada Lovelace" });
    for (const [i, b] of BADGES.entries()) await upload(page, bakedOb2({ ...b, seed: 11 + i }));

    await page.getByRole("link", { name: "Learner record" }).click();
    await page.waitForURL("**/record");
    await page.getByRole("heading", { name: "Ada Lovelace — learner record", level: 1 }).waitFor();
    const group = page.getByRole("region", { name: "Example Community College" });
    for (const b of BADGES) await expect(group.getByRole("heading", { name: b.title }).isVisible()).resolves.toBe(true);
    // Not verified offline (hosted badges can't be checked here): never called "Verified".
    await expect(group.getByText(/^Verified$/).count()).resolves.toBe(0);
    const skills = page.getByRole("region", { name: "Skills" });
    const excel = skills.getByRole("row", { name: /Excel/ });
    await expect(excel.getByRole("cell").allTextContents()).resolves.toEqual(["2", "0"]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "record-1280");

    // Sharing is off by default: no link shown.
    await expect(page.getByLabel("Record link").count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Turn on sharing" }).click();
    const linkField = page.getByLabel("Record link");
    await linkField.waitFor();
    const link = (await linkField.inputValue()).replace(/^https?:\/\/[^/]+/, baseURL());
    expect(link).toMatch(/\/r\/[A-Za-z0-9_-]{22}$/);

    const stranger = await newContext(browser, 375);
    const pub = await stranger.newPage();
    const res = await pub.goto(link);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["content-security-policy"]).toContain("script-src 'none'");
    expect(res?.headers()["x-robots-tag"]).toContain("noindex");
    await pub.getByRole("heading", { name: "Ada Lovelace — learner record" }).waitFor();
    const html = await pub.content();
    expect(html).not.toContain(email);
    expect(html).not.toMatch(/<script/i);
    for (const b of BADGES) expect(html).toContain(b.title);
    await expectNoHorizontalScroll(pub);
    expect(await seriousA11yViolations(pub)).toEqual([]);
    await screenshot(pub, "record-public-375");

    await page.getByRole("button", { name: "Turn off sharing" }).click();
    await page.getByRole("button", { name: "Turn on sharing" }).waitFor();
    const gone = await pub.goto(link);
    expect(gone?.status()).toBe(404);

    // Print view: no site header, navigation or buttons; A4 and Letter on at most two pages.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation").first().isVisible()).resolves.toBe(false);
    await expect(page.getByRole("button", { name: "Turn on sharing" }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole("link", { name: "Download everything (ZIP)" }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole("heading", { name: "Ada Lovelace — learner record" }).isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: "screen" });
    const a4 = await printPages(page, "A4");
    const letter = await printPages(page, "Letter");
    expect(a4).toBeGreaterThanOrEqual(1);
    expect(a4).toBeLessThanOrEqual(2);
    expect(letter).toBeLessThanOrEqual(2);

    // Download everything, then import it into a new account.
    await page.setViewportSize({ width: 375, height: 900 });
    await expectNoHorizontalScroll(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download everything (ZIP)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sash-wallet-\d{4}-\d{2}-\d{2}\.zip$/);
    const zipPath = await download.path();
    const zip = fs.readFileSync(zipPath);
    expect(zip.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");

    const ctx2 = await newContext(browser);
    const page2 = await ctx2.newPage();
    await signUp(page2, { name: "Ada on a new account" });
    await page2.goto("/wallet/add");
    await page2.getByRole("link", { name: "Import a Sash export (.zip)" }).click();
    await page2.waitForURL("**/wallet/import");
    await page2
      .getByLabel("Sash export (.zip)")
      .setInputFiles({ name: "export.zip", mimeType: "application/zip", buffer: zip });
    await page2.getByRole("button", { name: "Import" }).click();
    await page2.getByRole("status").filter({ hasText: "Imported 3 credentials" }).waitFor({ timeout: 60_000 });
    expect(await seriousA11yViolations(page2)).toEqual([]);
    await page2.goto("/record");
    const group2 = page2.getByRole("region", { name: "Example Community College" });
    for (const b of BADGES)
      await expect(group2.getByRole("heading", { name: b.title }).isVisible()).resolves.toBe(true);
    await expect(
      page2
        .getByRole("region", { name: "Skills" })
        .getByRole("row", { name: /Excel/ })
        .getByRole("cell")
        .allTextContents(),
    ).resolves.toEqual(["2", "0"]);

    // A hostile archive: a coded, plain refusal.
    await page2.goto("/wallet/import");
    await page2.getByLabel("Sash export (.zip)").setInputFiles({
      name: "bad.zip",
      mimeType: "application/zip",
      buffer: Buffer.from("PK\u0003\u0004 not really a zip", "latin1"),
    });
    await page2.getByRole("button", { name: "Import" }).click();
    await page2.getByRole("alert").filter({ hasText: "damaged" }).waitFor();
    await ctx.close();
    await ctx2.close();
    await stranger.close();
  });

  it("the demo learner's record prints on at most two A4 pages", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, "demo@sash.local", "sash-demo-2026");
    await page.goto("/record");
    await page.getByRole("heading", { level: 1 }).waitFor();
    const pages = await printPages(page, "A4");
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    await ctx.close();
  });
});
