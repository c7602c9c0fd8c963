// /jobs/check in the browser: paste a posting's text, see the skills Sash recognised, untick a
// mistake, and see the fit change — for a learner whose wallet holds SQL and Microsoft Excel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { bakedOb2 } from "../support/wallet";
import { PASTED_POSTING, PASTED_POSTING_SKILLS } from "../support/job-pages";
import { expectNoHorizontalScroll, launch, newContext, screenshot, seriousA11yViolations, signUp } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("check a posting from elsewhere", () => {
  it("pastes a posting, shows the recognised skills, and re-scores after one is removed", async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signUp(page, { name: "Grace Hopper" });

    // A badge carrying SQL and MS Excel, saved to the wallet.
    await page.getByRole("link", { name: "Add credential" }).first().click();
    await page.waitForURL("**/wallet/add");
    await page.getByLabel("Badge image").setInputFiles({
      name: "data.png",
      mimeType: "image/png",
      buffer: bakedOb2({
        title: "Data Skills",
        id: `https://badges.example.org/c/${Date.now()}`,
        skills: ["SQL", "MS Excel"],
      }),
    });
    const title = page.getByLabel("Title", { exact: true });
    await expect.poll(() => title.inputValue(), { timeout: 30_000 }).toBe("Data Skills");
    await page.getByRole("button", { name: "Submit" }).click();
    await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });

    await page.goto("/jobs");
    await page.getByRole("link", { name: "Check a posting from another site" }).click();
    await page.waitForURL("**/jobs/check");
    await page.getByLabel("Or paste the posting's text").fill(PASTED_POSTING);
    await page.getByRole("button", { name: "Check my fit" }).click();

    const recognised = page.getByRole("group", { name: `Skills recognised (${PASTED_POSTING_SKILLS.length})` });
    await recognised.waitFor({ timeout: 30_000 });
    const boxes = recognised.getByRole("checkbox");
    expect(await boxes.count()).toBe(PASTED_POSTING_SKILLS.length);
    // Each box is named by the skill, then the posting's own words where they differ ("Dashboard design (“dashboards”)").
    for (const name of PASTED_POSTING_SKILLS) {
      const box = recognised.getByRole("checkbox", {
        name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\(|$)`),
      });
      await expect(box.isChecked()).resolves.toBe(true);
    }
    await recognised.getByRole("checkbox", { name: "Dashboard design (“dashboards”)" }).waitFor();
    // SQL and Microsoft Excel of 11 skills.
    await page.getByText("Opportunity Fit 18%", { exact: true }).waitFor();
    await page.getByText("2 of 11 skills matched", { exact: true }).waitFor();
    const have = page.getByRole("region", { name: "Skills you have (2)" });
    await have.getByRole("list", { name: "Evidence for SQL", exact: true }).waitFor();
    await have.getByRole("link", { name: "Data Skills" }).first().waitFor();
    await page.getByRole("region", { name: "Close the gap" }).getByRole("listitem").first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "check-1280");

    // "Writing" came from "Writing SQL queries": a mistake. Untick it with the keyboard and update.
    const writing = recognised.getByRole("checkbox", { name: "Writing", exact: true });
    await writing.focus();
    await page.keyboard.press("Space");
    await expect(writing.isChecked()).resolves.toBe(false);
    await page.getByRole("button", { name: "Update fit" }).click();
    await page.getByText("Opportunity Fit 20%", { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByText("2 of 10 skills matched", { exact: true }).waitFor();
    await expect(writing.isChecked()).resolves.toBe(false);
    expect(await page.getByRole("region", { name: "Skills to gain (8)" }).getByText("Writing").count()).toBe(0);

    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoHorizontalScroll(page);
    await screenshot(page, "check-375");
    expect(await seriousA11yViolations(page)).toEqual([]);

    // An address that isn't public is refused with a plain message.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel("The posting's web address").fill("https://10.0.0.7/jobs/1");
    await page.getByRole("button", { name: "Check my fit" }).click();
    await page.getByText(/only public https pages can be checked/).waitFor({ timeout: 30_000 });
    await ctx.close();
  });
});
