// Issue #13 §6 in the browser: a learner picks two credentials on /wallet/present,
// downloads the Verifiable Presentation, and the downloaded file verifies with
// lib/presentation (its proof by the learner's did:key and both credentials inside).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { verifyPresentationDocument } from "@/lib/presentation/presentation";
import { signedOb3Png, testIssuer } from "../support/trust";
import { registryListing } from "../support/verify";
import {
  confirmAddress,
  expectNoHorizontalScroll,
  launch,
  newContext,
  screenshot,
  seriousA11yViolations,
  signUp,
} from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function upload(page: Page, png: Buffer, title: string): Promise<void> {
  await page.goto("/wallet/add");
  await page.getByLabel("Badge image").setInputFiles({ name: "badge.png", mimeType: "image/png", buffer: png });
  const field = page.getByLabel("Title", { exact: true });
  await field.waitFor({ timeout: 30_000 });
  await expect.poll(() => field.inputValue(), { timeout: 30_000 }).toBe(title);
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });
}

describe("present credentials", () => {
  it("pick two credentials, download the presentation, and it verifies", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const { email } = await signUp(page, { name: "Ada Lovelace" });
    await confirmAddress(page, email);
    await upload(page, await signedOb3Png({ email, title: "Teamwork", seed: 3 }), "Teamwork");
    await upload(page, await signedOb3Png({ email, title: "Statistics", seed: 4 }), "Statistics");
    await upload(page, await signedOb3Png({ email, title: "Leadership", seed: 5 }), "Leadership");

    await page.getByRole("link", { name: "Present credentials" }).click();
    await page.waitForURL("**/wallet/present");
    await page.getByRole("heading", { name: "Present credentials", level: 1 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Nothing chosen: a coded refusal, worded for the learner.
    await page.getByRole("button", { name: "Download presentation" }).click();
    await page.waitForURL("**/wallet/present?error=PRESENTATION_EMPTY");
    await page.getByText("Choose at least one credential to present.").waitFor();

    // One box with the mouse, one from the keyboard.
    await page.getByRole("checkbox", { name: /Teamwork/ }).check();
    await page.getByRole("checkbox", { name: /Statistics/ }).focus();
    await page.keyboard.press("Space");
    expect(await page.getByRole("checkbox", { name: /Statistics/ }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: /Leadership/ }).isChecked()).toBe(false);
    await screenshot(page, "present-1280");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download presentation" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sash-presentation-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const vp = JSON.parse(fs.readFileSync(file!, "utf8")) as Record<string, unknown>;
    // The test issuer is a registered one (tests/support/trust.ts): a did:key alone is key only (#20 item 1).
    const registries = await registryListing({ [(await testIssuer()).did]: "Sash Test University" });
    const report = await verifyPresentationDocument(vp, { recipientEmails: [email], registries });
    expect(report.type).toBe("presentation");
    expect(report.holder).toMatch(/^did:key:z6Mk/);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ["signature", "pass"],
      ["holder", "pass"],
      ["credentials", "pass"],
    ]);
    expect(report.credentials.map((c) => [c.title, c.result]).sort()).toEqual([
      ["Statistics", "valid"],
      ["Teamwork", "valid"],
    ]);
    expect(report.result).toBe("valid");

    // The page now names the learner's key; it works at 375 px too.
    await page.reload();
    await page.getByText(report.holder!).waitFor();
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoHorizontalScroll(page);
    await screenshot(page, "present-375");
    await ctx.close();
  });
});
