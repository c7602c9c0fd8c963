// Issue #21 §4 in the browser: /admin is a 404 for a learner and for the admin's address until it is
// verified; the admin (SASH_ADMIN_EMAILS, tests/e2e/global-setup.ts) imports a job postings file, sees
// the CLI's result as a table and the import in the audit log, and the posting then shows on /jobs.
// Axe-clean, and usable at 375 px.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { unsubscribeToken } from "@/server/reverify/notify";
import {
  baseURL,
  confirmAddress,
  expectNoHorizontalScroll,
  launch,
  newContext,
  screenshot,
  seriousA11yViolations,
  signUp,
} from "./browser";

const ADMIN = "e2e-admin@example.test";
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const POSTINGS = JSON.stringify({
  "@context": "https://schema.org",
  "@graph": [
    {
      "@type": "JobPosting",
      title: "Admin Imported Orthoptist",
      identifier: "e2e-admin-1",
      hiringOrganization: { name: "Lakeside Eye Clinic" },
      datePosted: "2026-11-20",
      skills: ["Customer service", "Scheduling"],
    },
    { "@type": "JobPosting", identifier: "e2e-admin-bad" },
  ],
});

describe("admin page", () => {
  it("is a 404 for learners and unverified admins; an admin imports job postings and sees the result", async () => {
    // A signed-out visitor and an ordinary learner: the 404 page.
    const learnerCtx = await newContext(browser);
    const learner = await learnerCtx.newPage();
    expect((await learner.goto("/admin"))?.status()).toBe(404);
    await signUp(learner, { name: "Lee Learner" });
    expect((await learner.goto("/admin"))?.status()).toBe(404);
    await learnerCtx.close();

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signUp(page, { name: "Ops Admin", email: ADMIN });
    // Listed, but not verified yet: still a 404.
    expect((await page.goto("/admin"))?.status()).toBe(404);
    await confirmAddress(page, ADMIN);

    expect((await page.goto("/admin"))?.status()).toBe(200);
    await page.getByRole("heading", { name: "Admin", level: 1 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const jobs = page.getByRole("region", { name: "Job postings", exact: true });
    await jobs
      .getByLabel("Job postings file")
      .setInputFiles({ name: "postings.jsonld", mimeType: "application/ld+json", buffer: Buffer.from(POSTINGS) });
    await jobs.getByRole("button", { name: "Import" }).click();
    const table = jobs.getByRole("table", { name: "Job postings: result" });
    await table.waitFor({ timeout: 60_000 });
    await expect.poll(() => table.getByRole("row", { name: /inserted/ }).innerText()).toMatch(/inserted\s+1/);
    await expect.poll(() => table.getByRole("row", { name: /skipped/ }).innerText()).toMatch(/skipped\s+1/);
    await jobs.getByRole("table", { name: "Records not imported" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "admin-import-1280");

    // The audit log on the page names the admin and the import.
    await page.reload();
    const audit = page.getByRole("region", { name: "Audit log" });
    await audit.getByText("Imported job postings from postings.jsonld: 1 inserted, 0 updated, 1 skipped").waitFor();
    await audit.getByText(ADMIN).first().waitFor();

    // 375 px: nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoHorizontalScroll(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "admin-375");

    // The posting is on /jobs.
    await page.goto("/jobs?q=Orthoptist");
    await page.getByText("Admin Imported Orthoptist").first().waitFor({ timeout: 30_000 });
    await ctx.close();
  }, 240_000);

  it("one-click unsubscribe works by POST without a session; the learner sees the setting off on /account", async () => {
    // The e2e server's AUTH_SECRET (global-setup.ts) signs the token; the learner's id comes from the admin page.
    process.env.AUTH_SECRET = "e2e-secret-not-for-production-0123456789";
    const learnerCtx = await newContext(browser);
    const learner = await learnerCtx.newPage();
    const { email } = await signUp(learner, { name: "Una Subscriber" });
    await learner.goto("/account");
    const box = learner.getByRole("checkbox", { name: "Email me about my credentials" });
    expect(await box.isChecked()).toBe(true);

    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ADMIN);
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/wallet", { timeout: 30_000 });
    await page.goto(`/admin?q=${encodeURIComponent(email)}`);
    const id = await page.locator('ul[aria-label="Learners found"] input[name="id"]').first().inputValue();
    await ctx.close();

    const url = `${baseURL()}/unsubscribe?t=${encodeURIComponent(unsubscribeToken(id))}`;
    const shown = await fetch(url);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain("Unsubscribe</button>");
    const forged = await fetch(url.slice(0, -2) + "xx", { method: "POST" });
    expect(forged.status).toBe(400);
    // RFC 8058: the mail provider's POST, no cookie, no Origin.
    const done = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(/You(&#39;|')re unsubscribed/);

    await learner.reload();
    expect(await learner.getByRole("checkbox", { name: "Email me about my credentials" }).isChecked()).toBe(false);
    // Turning it back on from the account page.
    await learner.getByRole("checkbox", { name: "Email me about my credentials" }).check();
    await learner.getByRole("button", { name: "Save email setting" }).click();
    await learner.getByText("Saved. Sash will email you").waitFor();
    expect(await seriousA11yViolations(learner)).toEqual([]);
    await learnerCtx.close();
  }, 180_000);
});
