// One skill vocabulary in the browser (issue #14 item 1): a deployer imports an
// ESCO taxonomy and a posting that requires an ESCO-only skill with the CLI; a
// learner picks that skill in the wallet's skill picker with the keyboard,
// saves, opens the posting and sees Opportunity Fit 50 % (1 of its 2 skills).
// This file runs its own `next start` on its own embedded data folder, so the
// imports happen before the server holds the folder (one process at a time).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { commands } from "@/cli/registry";
import { parseSkillsFile } from "@/lib/skills/importers";
import { stopNextServer } from "../support/next-server";
import { syntheticEscoCsv } from "../support/synthetic-esco";
import { expectNoHorizontalScroll, launch, screenshot, startOwnServer, seriousA11yViolations, signUp } from "./browser";

let browser: Browser;
let child: ChildProcess | undefined;
let url = "";
let dir = "";
let A: { id: string; label: string };
const saved = { SASH_DATA_DIR: process.env.SASH_DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };

async function sash(...args: string[]): Promise<Record<string, unknown>> {
  const [name, ...rest] = args;
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const code = await commands[name].run(rest);
    expect(code).toBe(0);
    return JSON.parse(out.join("").trim()) as Record<string, unknown>;
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-e2e-vocabulary-"));
  const dataDir = path.join(dir, "data");
  process.env.SASH_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const csv = syntheticEscoCsv(200);
  fs.writeFileSync(path.join(dir, "esco.csv"), csv);
  const rows: Array<{ id: string; label: string }> = [];
  for await (const s of parseSkillsFile("esco", [csv], "esco.csv"))
    if (!("skipped" in s)) rows.push({ id: `esco:${s.sourceUri}`, label: s.label });
  A = rows[133];
  fs.writeFileSync(
    path.join(dir, "jobs.jsonld"),
    JSON.stringify({
      "@context": "https://schema.org",
      "@type": "JobPosting",
      identifier: "vocabulary-e2e",
      title: "Furnace Line Supervisor",
      hiringOrganization: { name: "Vocabulary Works" },
      datePosted: "2026-11-27",
      skills: [A.label, "Python"],
    }),
  );
  expect(await sash("import-skills", "--format", "esco", path.join(dir, "esco.csv"))).toMatchObject({
    ok: true,
    inserted: 200,
  });
  expect(await sash("import-jobs", path.join(dir, "jobs.jsonld"))).toMatchObject({ ok: true, inserted: 1 });
  process.env.SASH_DATA_DIR = saved.SASH_DATA_DIR;
  if (saved.DATABASE_URL) process.env.DATABASE_URL = saved.DATABASE_URL;

  const server = await startOwnServer("vocabulary", dataDir);
  child = server.child;
  url = server.url;
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stopNextServer(child);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("one skill vocabulary in the browser", () => {
  it("picks an ESCO-only skill with the keyboard, saves it, and the posting that requires it shows 50 %", async () => {
    const ctx = await browser.newContext({ baseURL: url, viewport: { width: 375, height: 900 } });
    const page = await ctx.newPage();
    await signUp(page, { name: "Mary Jackson" });
    await page.goto("/wallet/add");
    await page.getByRole("button", { name: "Enter details yourself" }).first().click();
    const title = page.getByLabel("Title", { exact: true });
    await title.waitFor({ timeout: 30_000 });
    await title.fill("Furnace safety course");

    // The picker: type the first words, arrow down to the ESCO skill, Enter.
    const box = page.getByRole("combobox", { name: "Skills" });
    await box.click();
    await box.pressSequentially(A.label.split(" ").slice(0, 3).join(" "));
    const option = page.getByRole("option", { name: new RegExp(`^${A.label}`) });
    await option.waitFor({ timeout: 30_000 });
    const options = await page.getByRole("option").allTextContents();
    const at = options.findIndex((o) => o.startsWith(A.label));
    expect(at).toBeGreaterThanOrEqual(0);
    for (let i = 0; i <= at; i++) await box.press("ArrowDown");
    await expect.poll(() => option.getAttribute("aria-selected")).toBe("true");
    await box.press("Enter");
    await page.getByRole("button", { name: `Remove ${A.label}` }).waitFor();
    // A chosen skill is not a custom one, and its chip posts the id with the label.
    const chip = page.getByRole("list", { name: "Selected skills" }).getByRole("listitem");
    expect(await chip.textContent()).not.toContain("(custom)");
    expect(JSON.parse((await chip.locator('input[type="hidden"]').inputValue()) || "{}")).toEqual({
      id: A.id,
      label: A.label,
    });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expectNoHorizontalScroll(page);
    await screenshot(page, "vocabulary-picker-375");

    await page.getByRole("button", { name: "Submit" }).click();
    await page.waitForURL("**/wallet", { timeout: 30_000 });

    // The posting that requires the ESCO skill: 1 of its 2 skills.
    await page.goto("/jobs?q=furnace");
    await page
      .getByRole("link", { name: /Furnace Line Supervisor/ })
      .first()
      .click();
    await page.waitForURL("**/jobs/*");
    await page
      .getByText(/Opportunity Fit 50%/)
      .first()
      .waitFor({ timeout: 30_000 });
    // The saved credential supplies the skill: without it the fit would be 0 %.
    await page.getByText(`Supplies ${A.label} · Opportunity Fit 0% → 50%`).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expectNoHorizontalScroll(page);
    await screenshot(page, "vocabulary-job-fit-375");
    await ctx.close();
  });
});
