// Issue #21 §1-2 in the browser, on one `next start` with the mail outbox: "Forgot password?" answers the same for a
// known and an unknown address and mails only the known one; the reset link sets a new password once (the new one
// signs in, the old one doesn't, the link is dead after use, other sessions end); changing the password and "Sign
// out everywhere" end other sessions; deleting the account (password asked, in a dialog that offers "Download
// everything" first) makes its share link 404 and its sign-in fail. axe-clean, and every page fits 375 px.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { simpleParser, type ParsedMail } from "mailparser";
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
  uniqueEmail,
} from "./browser";

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});

async function context(width = 375): Promise<Page> {
  const ctx = await newContext(browser, width);
  contexts.push(ctx);
  return ctx.newPage();
}

/** Every mail in the server's outbox (SASH_DATA_DIR/outbox), parsed. */
async function outbox(): Promise<ParsedMail[]> {
  const dir = path.join(inject("dataDir"), "outbox");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".eml")) : [];
  return Promise.all(files.sort().map((f) => simpleParser(fs.readFileSync(path.join(dir, f)))));
}

const toOf = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.text : "").toLowerCase();

/** Waits for a mail to `email` whose text matches `link`; returns the link, on this test's base URL. */
async function mailedLink(email: string, link: RegExp): Promise<string> {
  for (;;) {
    for (const mail of (await outbox()).reverse()) {
      const m = link.exec(mail.text ?? "");
      if (toOf(mail).includes(email.toLowerCase()) && m) return m[0].replace(/^https?:\/\/[^/]+/, baseURL());
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function confirmAddress(page: Page, email: string): Promise<void> {
  await page.goto(await mailedLink(email, /https?:\/\/\S+\/account\/verify\?token=[A-Za-z0-9_-]+/));
  await page.getByRole("button", { name: "Confirm address" }).click();
  await page.waitForURL("**/account?verified=1");
}

/** Where a signed-in-only page sends this browser now: "/wallet" while its session holds, "/sign-in" once it ended. */
async function landing(page: Page): Promise<string> {
  await page.goto("/wallet");
  return new URL(page.url()).pathname;
}

async function checkPage(page: Page, name: string): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
  await expectNoHorizontalScroll(page);
  await screenshot(page, name);
}

async function signInFails(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Wrong email or password").waitFor();
}

const RESET_LINK = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/;

describe("password recovery and account settings in the browser", () => {
  it("forgot password: the same answer for a known and an unknown address, a link only to the known one, used once", async () => {
    const phone = await context();
    const { email, password } = await signUp(phone, { name: "Rosalind Franklin" });
    await confirmAddress(phone, email);
    const laptop = await context(1280);
    await signIn(laptop, email, password);

    const visitor = await context();
    await visitor.goto("/sign-in");
    await checkPage(visitor, "sign-in-375");
    await visitor.getByRole("link", { name: "Forgot password?" }).click();
    await visitor.waitForURL("**/forgot-password");
    await checkPage(visitor, "forgot-password-375");

    const answer = async (address: string) => {
      await visitor.goto("/forgot-password");
      await visitor.getByLabel("Email").fill(address);
      await visitor.getByRole("button", { name: "Send reset link" }).click();
      await visitor.getByRole("status").filter({ hasText: "we sent a link" }).waitFor();
      return (await visitor.locator("main").innerText()).replace(address, "<address>");
    };
    const unknown = uniqueEmail("nobody");
    const forUnknown = await answer(unknown);
    const forKnown = await answer(email);
    expect(forKnown).toBe(forUnknown);
    await checkPage(visitor, "forgot-password-sent-375");

    const link = await mailedLink(email, RESET_LINK);
    expect((await outbox()).filter((m) => toOf(m).includes(unknown.toLowerCase()))).toEqual([]);

    await visitor.goto(link);
    await visitor.getByRole("heading", { name: "Set a new password" }).waitFor();
    await checkPage(visitor, "reset-password-375");
    await visitor.getByLabel("New password", { exact: true }).fill("a brand new password");
    await visitor.getByLabel("Confirm new password").fill("a different password");
    await visitor.getByRole("button", { name: "Set password" }).click();
    await visitor.getByText("The two new passwords don't match").waitFor();
    await visitor.getByLabel("New password", { exact: true }).fill("a brand new password");
    await visitor.getByLabel("Confirm new password").fill("a brand new password");
    await visitor.getByRole("button", { name: "Set password" }).click();
    await visitor.waitForURL("**/sign-in?notice=password-set");
    await visitor.getByText("Your new password is set").waitFor();

    // The link is dead after use; the old password fails, the new one signs in; the other sessions ended.
    await visitor.goto(link);
    await visitor.getByText("This reset link has already been used").waitFor();
    await checkPage(visitor, "reset-password-used-375");
    await signInFails(visitor, email, password);
    await signIn(visitor, email, "a brand new password");
    expect(await landing(laptop)).toBe("/sign-in");
    expect(await landing(phone)).toBe("/sign-in");
  });

  it("changing the password ends the other sessions; sign out everywhere ends every session", async () => {
    const phone = await context();
    const { email, password } = await signUp(phone, { name: "Chien-Shiung Wu" });
    const laptop = await context(1280);
    await signIn(laptop, email, password);

    await phone.goto("/account");
    await checkPage(phone, "account-settings-375");
    await phone.getByLabel("Current password").fill("not my password");
    await phone.getByLabel("New password", { exact: true }).fill("second password here");
    await phone.getByLabel("Confirm new password").fill("second password here");
    await phone.getByRole("button", { name: "Change password" }).click();
    await phone.getByText("That isn't your current password.").waitFor();
    await phone.getByLabel("Current password").fill(password);
    await phone.getByLabel("New password", { exact: true }).fill("second password here");
    await phone.getByLabel("Confirm new password").fill("second password here");
    await phone.getByRole("button", { name: "Change password" }).click();
    await phone.getByText("Your password is changed.").waitFor();
    expect(await landing(phone)).toBe("/wallet");
    expect(await landing(laptop)).toBe("/sign-in");
    await signInFails(laptop, email, password);
    await signIn(laptop, email, "second password here");

    await phone.goto("/account");
    await phone.getByRole("button", { name: "Sign out everywhere" }).click();
    await phone.waitForURL("**/sign-in?notice=signed-out-everywhere");
    await phone.getByText("You are signed out on every device").waitFor();
    expect(await landing(laptop)).toBe("/sign-in");
    expect(await landing(phone)).toBe("/sign-in");
  });

  it("delete account: a dialog offers Download everything first, asks for the password, and the share link dies", async () => {
    const page = await context(1280);
    const { email, password } = await signUp(page, { name: "Mary Jackson" });
    await confirmAddress(page, email);
    await page.goto("/wallet/add");
    await page.getByLabel("Badge image").setInputFiles({
      name: "badge.png",
      mimeType: "image/png",
      buffer: bakedOb2({ title: "Wind Tunnel Basics", email, id: `https://badges.example.org/a/${Date.now()}` }),
    });
    const title = page.getByLabel("Title", { exact: true });
    await expect.poll(() => title.inputValue(), { timeout: 30_000 }).toBe("Wind Tunnel Basics");
    await page.getByRole("button", { name: "Submit" }).click();
    await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });
    await page
      .getByRole("link", { name: /Wind Tunnel Basics/ })
      .first()
      .click();
    await page.waitForURL("**/wallet/c/**");
    const shareLink = await page.getByLabel("Share link", { exact: true }).inputValue();
    const status = async (url: string) => (await fetch(url.replace(/^https?:\/\/[^/]+/, baseURL()))).status;
    expect(await status(shareLink)).toBe(200);

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/account");
    const opener = page.getByRole("button", { name: "Delete account" });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: "Delete your account?" });
    await dialog.waitFor();
    // Focus is in the dialog; "Download everything" comes before the password and the final button.
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    const order = await dialog.evaluate((d) =>
      [...d.querySelectorAll("a, input:not([type=hidden]), button")].map(
        (e) => e.textContent?.trim() || e.getAttribute("name"),
      ),
    );
    expect(order).toEqual(["Download everything", "deletePassword", "Delete account permanently", "Cancel"]);
    expect(await dialog.getByRole("link", { name: "Download everything" }).getAttribute("href")).toBe("/wallet/export");
    await checkPage(page, "delete-account-dialog-375");
    // Escape closes it and gives focus back to the button.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await opener.evaluate((b) => b === document.activeElement)).toBe(true);

    await opener.click();
    await dialog.waitFor();
    await dialog.getByLabel("Password").fill("not my password");
    await dialog.getByRole("button", { name: "Delete account permanently" }).click();
    await dialog.getByText("That isn't your current password.").waitFor();
    expect(await status(shareLink)).toBe(200);
    await dialog.getByLabel("Password").fill(password);
    await dialog.getByRole("button", { name: "Delete account permanently" }).click();
    await page.waitForURL("**/sign-in?notice=account-deleted*");
    await page.getByText("Your account and everything in it have been deleted").waitFor();
    await checkPage(page, "account-deleted-375");

    expect(await status(shareLink)).toBe(404);
    await signInFails(page, email, password);
    expect(await landing(page)).toBe("/sign-in");
    const confirmation = (await outbox()).filter(
      (m) => toOf(m).includes(email.toLowerCase()) && m.subject === "Your Sash account has been deleted",
    );
    expect(confirmation).toHaveLength(1);
  });
});
