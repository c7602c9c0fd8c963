// Learner records in the browser (issue #13 §1): upload a baked CLR through Add
// credential, see the record and its achievements, open a nested credential
// ("Part of …"), delete the record keeping its credentials — by keyboard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { bakePng, noisePng } from "../support/wallet";
import { clrAchievement, nestedAchievementId, signedClr } from "../support/clr";
import { expectNoHorizontalScroll, launch, newContext, screenshot, seriousA11yViolations, signUp } from "./browser";

const PROGRAM = "https://example.edu/achievements/program";

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function at375(p: Page, name: string) {
  await p.setViewportSize({ width: 375, height: 800 });
  await expectNoHorizontalScroll(p);
  await screenshot(p, `${name}-375`);
  await p.setViewportSize({ width: 1280, height: 900 });
}

describe("learner records in the browser", () => {
  let recordUrl = "";

  it("uploads a baked CLR, shows what it holds, and files it under Learner Records", async () => {
    const { clr } = await signedClr({
      count: 3,
      achievements: [clrAchievement(PROGRAM, "Data Program", "Certificate")],
      associations: [
        { associationType: "isChildOf", sourceId: nestedAchievementId(0), targetId: PROGRAM },
        { associationType: "isChildOf", sourceId: nestedAchievementId(1), targetId: PROGRAM },
        { associationType: "precedes", sourceId: nestedAchievementId(1), targetId: nestedAchievementId(0) },
      ],
    });
    const png = bakePng(noisePng(24, 24, 11), JSON.stringify(clr), "openbadgecredential");
    const ctx = await newContext(browser);
    page = await ctx.newPage();
    await signUp(page, { name: "Mary Jackson" });
    await page.goto("/wallet/add");
    await page.getByLabel("Badge image").setInputFiles({ name: "transcript.png", mimeType: "image/png", buffer: png });
    await page.getByRole("heading", { name: "Check the learner record" }).waitFor({ timeout: 30_000 });
    const title = page.getByLabel("Title", { exact: true });
    await expect.poll(() => title.inputValue(), { timeout: 30_000 }).toBe("Sash Test College Transcript");
    const contents = page.getByRole("region", { name: "In this record" });
    for (const n of [1, 2, 3])
      await contents
        .getByRole("listitem")
        .filter({ hasText: `Course ${n}` })
        .waitFor();
    await expect(contents.textContent()).resolves.toContain("4 achievements (1 without a credential)");
    // The record's own verification arrives while the learner reads.
    await page.getByText("Checking the badge with its issuer…").waitFor({ state: "detached", timeout: 60_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "record-add-1280");
    await page.getByRole("button", { name: "Submit" }).click();
    await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });

    const records = page.getByRole("region", { name: "Learner Records" });
    await records.getByRole("link", { name: "Sash Test College Transcript" }).waitFor();
    await expect(records.textContent()).resolves.toContain("4 achievements · 3 credentials in your wallet");
    // Each nested credential is a card of its own, marked as part of the record.
    const imported = page.getByRole("region", { name: "Self-Asserted/Imported" });
    for (const n of [1, 2, 3]) {
      const card = imported.getByRole("article", { name: `Course ${n}` });
      await expect(card.textContent()).resolves.toContain("Part of Sash Test College Transcript");
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    await at375(page, "record-wallet");

    await records.getByRole("link", { name: "Sash Test College Transcript" }).click();
    await page.waitForURL("**/wallet/r/**");
    recordUrl = page.url();
    await page.getByRole("heading", { level: 1, name: "Sash Test College Transcript" }).waitFor();
  });

  it("opens to its achievements, nested and ordered by the associations", async () => {
    const achievements = page.getByRole("region", { name: "Achievements" });
    const text = (await achievements.textContent()) ?? "";
    // Document order for the top level (Course 3, then the program); under the program Course 2 precedes Course 1.
    expect(text.indexOf("Course 3")).toBeLessThan(text.indexOf("Data Program"));
    expect(text.indexOf("Data Program")).toBeLessThan(text.indexOf("Course 2"));
    expect(text.indexOf("Course 2")).toBeLessThan(text.indexOf("Course 1"));
    const program = achievements.getByRole("listitem").filter({ hasText: "Data Program" });
    const under = (await program.textContent()) ?? "";
    expect(under).toContain("Course 1");
    expect(under).toContain("Course 2");
    expect(under).not.toContain("Course 3");
    expect(text).toContain("No credential for this achievement in the record.");
    await expect(achievements.getByRole("link", { name: "Data Program" }).count()).resolves.toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "record-page-1280");
    await at375(page, "record-page");

    await achievements.getByRole("link", { name: "Course 1" }).click();
    await page.waitForURL("**/wallet/c/**");
    await page.getByRole("heading", { level: 1, name: "Course 1" }).waitFor();
    const partOf = page.getByRole("link", { name: "Sash Test College Transcript" });
    await expect(partOf.textContent()).resolves.toBe("Sash Test College Transcript");
    await expect(page.getByText("Part of", { exact: false }).first().textContent()).resolves.toContain(
      "Part of Sash Test College Transcript",
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await partOf.click();
    await page.waitForURL(recordUrl);
  });

  it("deletes the record by keyboard, keeping its credentials", async () => {
    await page.getByRole("button", { name: "Delete record" }).press("Enter");
    const dialog = page.getByRole("dialog", { name: "Delete this learner record?" });
    await dialog.waitFor();
    // Focus starts on Cancel; both choices are explicit buttons.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Cancel");
    const keep = dialog.getByRole("button", { name: "Delete the record, keep its 3 credentials" });
    await expect(dialog.getByRole("button", { name: "Delete the record and its 3 credentials" }).count()).resolves.toBe(
      1,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "record-delete-dialog-1280");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      "Delete the record, keep its 3 credentials",
    );
    await keep.press("Enter");
    await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });
    await page.getByText("The learner record was deleted; its credentials are still in your wallet.").waitFor();
    await expect(page.getByRole("region", { name: "Learner Records" }).count()).resolves.toBe(0);
    const imported = page.getByRole("region", { name: "Self-Asserted/Imported" });
    for (const n of [1, 2, 3]) {
      const card = imported.getByRole("article", { name: `Course ${n}` });
      await expect(card.textContent()).resolves.not.toContain("Part of");
    }
    const gone = await page.goto(recordUrl);
    expect(gone?.status()).toBe(404);
  });
});
