// Issue #11 in the browser: the outbox confirmation flow, automatic
// re-verification when an address is verified, the summary line on the
// credential and share pages, the issuer's title as the share page's h1 after a
// holder edit, and an unconfirmed sign-up address that confirms nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { simpleParser } from "mailparser";
import type { Browser, Page } from "playwright-core";
import { signedOb3Png } from "../support/trust";
import { baseURL, launch, newContext, screenshot, seriousA11yViolations, signUp, uniqueEmail } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The confirmation link the server wrote to SASH_DATA_DIR/outbox for `email`, read from the .eml file. */
async function linkFromOutbox(email: string): Promise<string> {
  const dir = path.join(inject("dataDir"), "outbox");
  for (let i = 0; i < 100; i++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
    for (const f of files.sort().reverse()) {
      const mail = await simpleParser(fs.readFileSync(path.join(dir, f)));
      const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : "";
      if (to.toLowerCase().includes(email.toLowerCase())) {
        const m = /https?:\/\/\S+\/account\/verify\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? "");
        if (m) return m[0].replace(/^https?:\/\/[^/]+/, baseURL());
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no confirmation mail for ${email} in ${dir}`);
}

async function upload(page: Page, png: Buffer, title?: string): Promise<string> {
  await page.goto("/wallet/add");
  await page.getByLabel("Badge image").setInputFiles({ name: "badge.png", mimeType: "image/png", buffer: png });
  const field = page.getByLabel("Title", { exact: true });
  await field.waitFor({ timeout: 30_000 });
  await expect.poll(() => field.inputValue(), { timeout: 30_000 }).not.toBe("");
  if (title) await field.fill(title);
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });
  await page
    .getByRole("link", { name: title ?? "Teamwork" })
    .first()
    .click();
  await page.waitForURL("**/wallet/c/**");
  return page.url();
}

const summary = (page: Page) => page.getByTestId("verification-summary").textContent();

async function sharePage(page: Page): Promise<string> {
  return (await page.getByLabel("Share link", { exact: true }).inputValue()).replace(/^https?:\/\/[^/]+/, baseURL());
}

describe("verified addresses and honest presentation in the browser", () => {
  it("sign up → the .eml in the outbox → open the link → the address shows Verified", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const { email } = await signUp(page, { name: "Grace Hopper" });
    await page.goto("/account");
    await page.getByRole("heading", { name: "Account", level: 1 }).waitFor();
    const row = page.getByRole("listitem").filter({ hasText: email });
    await expect(row.getByText("Not verified").isVisible()).resolves.toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Issue #25 §1: the link's page names the account that asked; only its Confirm button (a POST) verifies.
    await page.goto(await linkFromOutbox(email));
    await page.getByRole("heading", { name: "Confirm your email address", level: 1 }).waitFor();
    await expect(page.getByText(`The Sash account ${email} (name: Grace Hopper)`).isVisible()).resolves.toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Confirm address" }).click();
    await page.waitForURL("**/account?verified=1");
    await expect(
      page.getByRole("listitem").filter({ hasText: email }).getByText("Verified", { exact: true }).isVisible(),
    ).resolves.toBe(true);
    await screenshot(page, "account-verified-1280");

    // A second address through the form: "Email address" + "Add email", then its own link.
    const work = uniqueEmail("grace-work");
    await page.getByLabel("Email address", { exact: true }).fill(work);
    await page.getByRole("button", { name: "Add email" }).click();
    await page.getByText(`We sent a link to ${work}`).waitFor();
    await page.reload();
    await expect(
      page.getByRole("listitem").filter({ hasText: work }).getByText("Not verified").isVisible(),
    ).resolves.toBe(true);
    // A scanner's GET (no cookies) changes nothing; then the learner confirms.
    const workLink = await linkFromOutbox(work);
    expect((await fetch(workLink, { redirect: "manual" })).status).toBe(200);
    await page.reload();
    await expect(
      page.getByRole("listitem").filter({ hasText: work }).getByText("Not verified").isVisible(),
    ).resolves.toBe(true);
    await page.goto(workLink);
    await page.getByRole("button", { name: "Confirm address" }).click();
    await page.waitForURL("**/account?verified=1");
    await expect(
      page.getByRole("listitem").filter({ hasText: work }).getByText("Verified", { exact: true }).isVisible(),
    ).resolves.toBe(true);
    // The link works once.
    await page.goto(workLink);
    await page.getByText("(code LINK_USED)").waitFor();
    await ctx.close();
  });

  it("verifying the address re-checks the badge at once; both pages then say Verified, the share h1 stays the issuer's", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const email = uniqueEmail("dorothy");
    await signUp(page, { name: "Dorothy Vaughan", email });
    const credentialUrl = await upload(page, await signedOb3Png({ email, hashed: true, title: "Teamwork", seed: 11 }));
    expect(await summary(page)).toMatch(/^\W*Not verified — /);
    const share = await sharePage(page);

    await page.goto(await linkFromOutbox(email));
    await page.getByRole("button", { name: "Confirm address" }).click();
    await page.waitForURL("**/account?verified=1");
    await page.goto(credentialUrl);
    expect(await summary(page)).toMatch(/^\W*Verified — /);
    await expect(page.getByText("Confirmed: issued to this learner").isVisible()).resolves.toBe(true);
    await screenshot(page, "credential-verified-1280");

    // The learner renames it; the wallet shows their wording, the share page the issuer's.
    await page.goto(`${credentialUrl}/edit`);
    await page.getByLabel("Title", { exact: true }).fill("Team player extraordinaire");
    await page.getByRole("button", { name: /Save/ }).click();
    await page.waitForURL((u) => u.pathname.startsWith("/wallet/c/") && !u.pathname.endsWith("/edit"), {
      timeout: 30_000,
    });
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Team player extraordinaire");

    const anon = await (await newContext(browser)).newPage();
    await anon.goto(share);
    await expect(anon.locator("h1").textContent()).resolves.toBe("Teamwork");
    await expect(
      anon.getByText("Title given by Dorothy Vaughan: Team player extraordinaire").isVisible(),
    ).resolves.toBe(true);
    expect(await anon.locator("p.result").textContent()).toMatch(/^Verified — /);
    await expect(anon.getByText(/^Last checked/).isVisible()).resolves.toBe(true);
    expect(await anon.content()).not.toContain(email);
    // The public image carries no badge data (so no recipient).
    const img = Buffer.from(await (await fetch(`${share}/image`)).arrayBuffer());
    expect(img.includes(Buffer.from("openbadgecredential"))).toBe(false);
    await screenshot(anon, "share-verified-1280");
    await ctx.close();
  });

  it("an address signed up but never confirmed doesn't verify someone else's badge", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const victim = uniqueEmail("victim");
    await signUp(page, { name: "Mallory", email: victim }); // Mallory can't read the victim's inbox
    const credentialUrl = await upload(
      page,
      await signedOb3Png({ email: victim, hashed: false, title: "Teamwork", seed: 12 }),
    );
    expect(await summary(page)).toMatch(/^\W*Not verified — /);
    await expect(page.getByText("Sash can't confirm this badge was issued to you yet.").isVisible()).resolves.toBe(
      true,
    );
    await expect(page.getByRole("button", { name: "Add this address" }).isVisible()).resolves.toBe(true);
    const share = await sharePage(page);
    const anon = await (await newContext(browser)).newPage();
    await anon.goto(share);
    expect(await anon.content()).not.toContain(victim);
    const line = await anon.locator("p.result").textContent();
    expect(line).toMatch(/^Not verified — /);
    expect(await anon.locator("p.result").getAttribute("class")).not.toContain("fail"); // not confirmed is neutral, not red
    await expect(
      anon.getByText(/^Not confirmed: Sash could not match whom it was issued to/).isVisible(),
    ).resolves.toBe(true);
    // The baked file names the address in plain text: the public download is the image alone.
    const dl = Buffer.from(await (await fetch(`${share}/download`)).arrayBuffer());
    expect(dl.includes(Buffer.from(victim))).toBe(false);
    expect(credentialUrl).toContain("/wallet/c/");
    await ctx.close();
  });
});
