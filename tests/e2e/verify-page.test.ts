// The public verifier (issue #20 §6) in real Chromium: /verify with no sign-in, at
// 375 px, axe-clean, under a CSP that allows no script; a badge image uploaded through
// "Credential file" with "Issued to (email)", and a changed credential pasted as JSON,
// each answered with the share page's Verification section and words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { signedOb3, signedOb3Png } from "../support/trust";
import { didKeySigner, tamperJson } from "../support/verify";
import { signHolderPresentation } from "@/lib/presentation/presentation";
import { expectNoHorizontalScroll, launch, newContext, screenshot, seriousA11yViolations } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const EMAIL = "grace@example.org";

describe("/verify in the browser", () => {
  it("needs no sign-in, is usable at 375 px and axe-clean, with a strict CSP", async () => {
    const ctx = await newContext(browser, 375);
    const page = await ctx.newPage();
    const res = await page.goto("/verify");
    expect(res?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/verify"); // not sent to sign in
    const csp = res?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("form-action 'self'");
    await page.getByRole("heading", { name: "Check a credential", level: 1 }).waitFor();
    for (const label of [
      "Credential file",
      "Or paste a credential, a presentation or a share link",
      "Issued to (email)",
    ])
      await expect(page.getByLabel(label).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "Verify" }).isVisible()).resolves.toBe(true);
    await expectNoHorizontalScroll(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
  });

  it("uploading a badge image: the Verification section, and the recipient matched with the email given", async () => {
    const ctx = await newContext(browser, 375);
    const page = await ctx.newPage();
    await page.goto("/verify");
    const png = await signedOb3Png({ email: EMAIL, title: "Teamwork", seed: 11 });
    await page.getByLabel("Credential file").setInputFiles({ name: "badge.png", mimeType: "image/png", buffer: png });
    await page.getByLabel("Issued to (email)").fill(EMAIL);
    await page.getByRole("button", { name: "Verify" }).click();
    const section = page.getByRole("region", { name: "Verification" });
    await section.waitFor({ timeout: 60_000 });
    const checks = section.getByRole("list", { name: "Verification checks" });
    await expect(checks.getByText("Signature: Passed").isVisible()).resolves.toBe(true);
    await expect(checks.getByText(/^Dates: /).isVisible()).resolves.toBe(true);
    // The summary says the one status in the share page's words; the recipient on its own line.
    await expect(section.locator("p.result").textContent()).resolves.toMatch(/^(Verified|Not verified) — /);
    await expect(
      section.getByText(`Issued to ${EMAIL}: it matches ${EMAIL}, the email you gave.`).isVisible(),
    ).resolves.toBe(true);
    await expectNoHorizontalScroll(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "verify-page-upload-375");
    await ctx.close();
  });

  it("pasting a changed credential as JSON: Failed, naming the signature", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("/verify");
    const changed = tamperJson(JSON.stringify(await signedOb3({ email: EMAIL, title: "Teamwork" })), "Works well");
    await page.getByLabel("Or paste a credential, a presentation or a share link").fill(changed);
    await page.getByRole("button", { name: "Verify" }).click();
    const section = page.getByRole("region", { name: "Verification" });
    await section.waitFor({ timeout: 60_000 });
    await expect(section.locator("p.result").textContent()).resolves.toMatch(/^Not verified — Failed: /);
    await expect(
      section.getByRole("list", { name: "Verification checks" }).getByText("Signature: Failed").isVisible(),
    ).resolves.toBe(true);
    // No email given: whom it was issued to, nothing compared.
    await expect(section.getByText(`Issued to ${EMAIL}.`).isVisible()).resolves.toBe(true);
    // The pasted text is filled back in, so it can be corrected.
    await expect(page.getByLabel("Or paste a credential, a presentation or a share link").inputValue()).resolves.toBe(
      changed,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
  });

  it("pasting a Sash presentation: the holder's proof, then each credential in the same words", async () => {
    const ctx = await newContext(browser, 375);
    const page = await ctx.newPage();
    await page.goto("/verify");
    const holder = await didKeySigner();
    const vp = await signHolderPresentation(
      [await signedOb3({ email: EMAIL, title: "Teamwork" })],
      { did: holder.did, methodId: holder.methodId, signer: holder.key.signer() },
      { id: "urn:uuid:3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f" },
    );
    await page.getByLabel("Or paste a credential, a presentation or a share link").fill(JSON.stringify(vp));
    await page.getByRole("button", { name: "Verify" }).click();
    const own = page.getByRole("region", { name: "Presentation" });
    await own.waitFor({ timeout: 60_000 });
    const checks = own.getByRole("list", { name: "Presentation checks" });
    await expect(checks.getByText("Signature: Passed").isVisible()).resolves.toBe(true);
    await expect(checks.getByText("Holder: Passed").isVisible()).resolves.toBe(true);
    const credential = page.getByRole("region", { name: "Credential 1: Teamwork" });
    await expect(
      credential.getByRole("list", { name: "Verification checks" }).getByText("Signature: Passed").isVisible(),
    ).resolves.toBe(true);
    await expectNoHorizontalScroll(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
  });

  it("says what went wrong when nothing is given", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("/verify");
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByText("Choose a credential file, or paste a credential, a presentation or a share link.").waitFor();
    await ctx.close();
  });
});
