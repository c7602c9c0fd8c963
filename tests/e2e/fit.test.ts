// Verified fit in the browser (issue #14 item 2). A learner holds one verified
// credential — a real eddsa-rdfc-2022 signed Open Badges 3.0 badge, baked into a
// PNG, naming SQL and Python, to which the learner adds Tableau themselves (so
// Tableau is theirs, not the issuer's: self-asserted) — and one entered by hand
// with Project management and Public speaking. Two postings imported with the CLI:
//   Zephyrine Delivery Lead   SQL, Project management, Public speaking → Opportunity Fit 100 %, Verified fit 33 %
//   Zephyrine Data Analyst    SQL, Python, Tableau, Kubernetes         → Opportunity Fit 75 %, Verified fit 50 %
// The job pages mark each matched skill with its evidence; on /jobs, ticking
// "Count only verified credentials" with the keyboard ranks by Verified fit and
// the order flips. /pathways shows both numbers.
// This file runs its own `next start` on its own embedded data folder (the
// imports happen before the server holds the folder) and reads its outbox.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { simpleParser } from "mailparser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { commands } from "@/cli/registry";
import { stopNextServer } from "../support/next-server";
import { testIssuer } from "../support/trust";
import { ob3Credential, signEddsaRdfc2022 } from "../support/verify";
import { bakePng, noisePng } from "../support/wallet";
import {
  expectNoHorizontalScroll,
  launch,
  screenshot,
  startOwnServer,
  seriousA11yViolations,
  signUp,
  uniqueEmail,
} from "./browser";

let browser: Browser;
let child: ChildProcess | undefined;
let url = "";
let dir = "";
let dataDir = "";
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

const posting = (identifier: string, title: string, skills: string[]) => ({
  "@context": "https://schema.org",
  "@type": "JobPosting",
  identifier,
  title,
  hiringOrganization: { name: "Zephyrine Works" },
  datePosted: "2026-11-27",
  skills,
});

/** A signed OB 3.0 badge issued to `email` (salted hash) whose achievement names `tags` as its skills. */
async function signedBadgePng(email: string, title: string, tags: string[]): Promise<Buffer> {
  const signer = await testIssuer();
  const base = ob3Credential(signer.did, { id: `urn:uuid:${randomUUID()}`, name: title });
  const subject = base.credentialSubject as Record<string, unknown>;
  const identifier = {
    type: "IdentityObject",
    identityType: "emailAddress",
    hashed: true,
    salt: "fit-salt",
    identityHash:
      "sha256$" +
      createHash("sha256")
        .update(email + "fit-salt")
        .digest("hex"),
  };
  const achievement = {
    ...(subject.achievement as Record<string, unknown>),
    id: "https://example.edu/achievements/data-querying",
    name: title,
    description: "Writes queries and small programs against real data sets.",
    tag: tags,
  };
  const signed = await signEddsaRdfc2022(
    { ...base, credentialSubject: { ...subject, identifier: [identifier], achievement } },
    signer,
  );
  return bakePng(noisePng(24, 24, 41), JSON.stringify(signed), "openbadgecredential");
}

/** The confirmation link the server wrote to its outbox for `email`. */
async function linkFromOutbox(email: string): Promise<string> {
  const out = path.join(dataDir, "outbox");
  for (let i = 0; i < 200; i++) {
    const files = fs.existsSync(out) ? fs.readdirSync(out).filter((f) => f.endsWith(".eml")) : [];
    for (const f of files) {
      const mail = await simpleParser(fs.readFileSync(path.join(out, f)));
      const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : "";
      if (to.toLowerCase().includes(email.toLowerCase())) {
        const m = /https?:\/\/\S+\/account\/verify\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? "");
        if (m) return m[0].replace(/^https?:\/\/[^/]+/, url);
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no confirmation mail for ${email} in ${out}`);
}

/** Picks `skill` in the Skills picker with the keyboard: type it, arrow down to it, Enter. */
async function pickSkill(page: Page, skill: string) {
  const box = page.getByRole("combobox", { name: "Skills" });
  await box.click();
  await box.pressSequentially(skill);
  const option = page.getByRole("option", { name: new RegExp(`^${skill}`) });
  await option.waitFor({ timeout: 30_000 });
  const at = (await page.getByRole("option").allTextContents()).findIndex((o) => o.startsWith(skill));
  expect(at).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= at; i++) await box.press("ArrowDown");
  await expect.poll(() => option.getAttribute("aria-selected")).toBe("true");
  await box.press("Enter");
  await page.getByRole("button", { name: `Remove ${skill}` }).waitFor();
}

/** The jobs on the /jobs page in order: title, then the two fit lines as shown. */
async function listed(page: Page): Promise<Array<{ title: string; first: string; second: string }>> {
  const items = page.getByRole("list", { name: /^Jobs, page/ }).getByRole("listitem");
  const rows: Array<{ title: string; first: string; second: string }> = [];
  for (const item of await items.all()) {
    const title = (await item.getByRole("heading", { level: 3 }).textContent())?.trim() ?? "";
    const fits = await item.getByText(/^(Opportunity Fit|Verified fit) \d+%$/).allTextContents();
    rows.push({ title, first: fits[0] ?? "", second: fits[1] ?? "" });
  }
  return rows;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-e2e-fit-"));
  dataDir = path.join(dir, "data");
  process.env.SASH_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  fs.writeFileSync(
    path.join(dir, "jobs.jsonld"),
    JSON.stringify([
      posting("fit-e2e-lead", "Zephyrine Delivery Lead", ["SQL", "Project management", "Public speaking"]),
      posting("fit-e2e-analyst", "Zephyrine Data Analyst", ["SQL", "Python", "Tableau", "Kubernetes"]),
    ]),
  );
  // The skills library first, so the postings' skills are the library's (not custom ones).
  expect(await sash("seed")).toMatchObject({ ok: true });
  expect(await sash("import-jobs", path.join(dir, "jobs.jsonld"))).toMatchObject({ ok: true, inserted: 2 });
  process.env.SASH_DATA_DIR = saved.SASH_DATA_DIR;
  if (saved.DATABASE_URL) process.env.DATABASE_URL = saved.DATABASE_URL;

  const server = await startOwnServer("fit", dataDir);
  child = server.child;
  url = server.url;
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await stopNextServer(child);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("Verified fit in the browser", () => {
  it("shows both numbers with evidence per skill, and 'Count only verified credentials' re-ranks /jobs", async () => {
    const ctx = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const email = uniqueEmail("katherine");
    await signUp(page, { name: "Katherine Johnson", email });

    // 1. The signed badge (its own skills SQL and Python; the learner adds Tableau), then the address
    // confirmed: its checks pass (re-verified at once).
    await page.goto("/wallet/add");
    await page.getByLabel("Badge image").setInputFiles({
      name: "badge.png",
      mimeType: "image/png",
      buffer: await signedBadgePng(email, "Data Querying", ["SQL", "Python"]),
    });
    const title = page.getByLabel("Title", { exact: true });
    await title.waitFor({ timeout: 30_000 });
    await expect.poll(() => title.inputValue(), { timeout: 30_000 }).toBe("Data Querying");
    for (const skill of ["SQL", "Python"]) await page.getByRole("button", { name: `Remove ${skill}` }).waitFor();
    await pickSkill(page, "Tableau");
    await page.getByRole("button", { name: "Submit" }).click();
    await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });
    await page.goto(await linkFromOutbox(email));
    await page.getByRole("button", { name: "Confirm address" }).click();
    await page.waitForURL("**/account?verified=1");
    await page.goto("/wallet");
    await page.getByRole("link", { name: "Data Querying" }).first().click();
    await page.waitForURL("**/wallet/c/**");
    await expect.poll(() => page.getByTestId("verification-summary").textContent()).toMatch(/^\W*Verified — /);

    // 2. A credential entered by hand, with two skills picked with the keyboard.
    await page.goto("/wallet/add");
    await page.getByRole("button", { name: "Enter details yourself" }).first().click();
    const manualTitle = page.getByLabel("Title", { exact: true });
    await manualTitle.waitFor({ timeout: 30_000 });
    await manualTitle.fill("Community project lead");
    for (const skill of ["Project management", "Public speaking"]) await pickSkill(page, skill);
    await page.getByRole("button", { name: "Submit" }).click();
    await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });

    // 3. /jobs by Opportunity Fit: the Delivery Lead (100 %) above the Data Analyst (75 %), both numbers on each.
    // Verified: SQL and Python only (Tableau is the learner's own addition to the badge).
    await page.goto("/jobs?q=Zephyrine");
    await page
      .getByText("Matching against 5 skills from your wallet, 2 of them backed by a verified credential.")
      .waitFor();
    expect(await listed(page)).toEqual([
      { title: "Zephyrine Delivery Lead", first: "Opportunity Fit 100%", second: "Verified fit 33%" },
      { title: "Zephyrine Data Analyst", first: "Opportunity Fit 75%", second: "Verified fit 50%" },
    ]);

    const fitOnPage = async (label: string) =>
      Number(
        /(\d+)%$/.exec(
          (await page
            .getByText(new RegExp(`^${label} \\d+%$`))
            .first()
            .textContent()) ?? "",
        )?.[1],
      );
    const have = page.getByRole("region", { name: /Skills you have/ });
    const evidence = async (skill: string) =>
      (
        await have
          .getByRole("list", { name: `Evidence for ${skill}` })
          .getByRole("listitem")
          .allTextContents()
      ).map((t) => t.replace(/\s+/g, " ").trim());

    // 4. The Delivery Lead's page: both numbers, Opportunity Fit above Verified fit, evidence per matched skill.
    await page.getByRole("link", { name: "Zephyrine Delivery Lead" }).click();
    await page.waitForURL("**/jobs/*");
    await page.getByRole("heading", { name: "Zephyrine Delivery Lead", level: 1 }).waitFor();
    expect([await fitOnPage("Opportunity Fit"), await fitOnPage("Verified fit")]).toEqual([100, 33]);
    await expect(have.getByRole("heading", { name: "Skills you have (3)" }).isVisible()).resolves.toBe(true);
    expect(await evidence("SQL")).toEqual(["Data Querying Verified"]);
    expect(await evidence("Project management")).toEqual(["Community project lead Entered manually"]);
    expect(await evidence("Public speaking")).toEqual(["Community project lead Entered manually"]);
    await expect(have.getByText("SQL · counts toward Verified fit").isVisible()).resolves.toBe(true);
    await expect(have.getByText("Project management · self-asserted only").isVisible()).resolves.toBe(true);
    await expect(have.getByText("Public speaking · self-asserted only").isVisible()).resolves.toBe(true);
    // The evidence links open the credentials themselves.
    await expect(
      have
        .getByRole("list", { name: "Evidence for SQL" })
        .getByRole("link", { name: "Data Querying" })
        .getAttribute("href"),
    ).resolves.toMatch(/^\/wallet\/c\//);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "fit-job-1280");

    // The Data Analyst's page at 375 px: Tableau sits on the verified badge but the issuer didn't name it,
    // so its evidence is self-asserted and it doesn't count toward Verified fit.
    await page.setViewportSize({ width: 375, height: 900 });
    await page.goto("/jobs?q=Zephyrine");
    await page.getByRole("link", { name: "Zephyrine Data Analyst" }).click();
    await page.getByRole("heading", { name: "Zephyrine Data Analyst", level: 1 }).waitFor();
    expect([await fitOnPage("Opportunity Fit"), await fitOnPage("Verified fit")]).toEqual([75, 50]);
    expect(await evidence("SQL")).toEqual(["Data Querying Verified"]);
    expect(await evidence("Python")).toEqual(["Data Querying Verified"]);
    expect(await evidence("Tableau")).toEqual(["Data Querying Self-asserted"]);
    await expect(have.getByText("Python · counts toward Verified fit").isVisible()).resolves.toBe(true);
    await expect(have.getByText("Tableau · self-asserted only").isVisible()).resolves.toBe(true);
    const missing = page.getByRole("region", { name: /Skills to gain/ });
    await expect(missing.getByText("Kubernetes", { exact: true }).isVisible()).resolves.toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expectNoHorizontalScroll(page);
    await screenshot(page, "fit-job-375");

    // 5. /jobs at 375 px: tick "Count only verified credentials" with the keyboard and submit.
    await page.goto("/jobs?q=Zephyrine");
    const only = page.getByRole("checkbox", { name: "Count only verified credentials" });
    await expect(only.isChecked()).resolves.toBe(false);
    await only.focus();
    await page.keyboard.press("Space");
    await expect(only.isChecked()).resolves.toBe(true);
    // Tab on to the Search button (past "Sort by") and press it.
    const search = page.getByRole("button", { name: "Search" });
    for (let i = 0; i < 5 && !(await search.evaluate((b) => b === document.activeElement)); i++)
      await page.keyboard.press("Tab");
    await expect(search.evaluate((b) => b === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.searchParams.get("verified") === "1", { timeout: 30_000 });
    await page.getByText(/Ranked by Verified fit\./).waitFor();
    // The ranking follows Verified fit now: the Data Analyst (50 %) above the Delivery Lead (33 %).
    expect(await listed(page)).toEqual([
      { title: "Zephyrine Data Analyst", first: "Verified fit 50%", second: "Opportunity Fit 75%" },
      { title: "Zephyrine Delivery Lead", first: "Verified fit 33%", second: "Opportunity Fit 100%" },
    ]);
    await expect(page.getByRole("checkbox", { name: "Count only verified credentials" }).isChecked()).resolves.toBe(
      true,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expectNoHorizontalScroll(page);
    await screenshot(page, "fit-jobs-verified-375");

    // 6. /pathways: each pathway and step shows both numbers; a verified number never exceeds its own fit.
    await page.goto("/pathways");
    const whole = await page.getByText(/^Whole path \d+%$/).allTextContents();
    const wholeVerified = await page.getByText(/^Whole path, verified \d+%$/).allTextContents();
    expect(whole.length).toBeGreaterThan(0);
    expect(wholeVerified.length).toBe(whole.length);
    const pct = (s: string) => Number(/(\d+)%$/.exec(s)?.[1]);
    for (const [i, w] of whole.entries()) expect(pct(wholeVerified[i])).toBeLessThanOrEqual(pct(w));
    const steps = await page.getByText(/^Fit \d+%$/).allTextContents();
    expect(await page.getByText(/^Verified fit \d+%$/).count()).toBe(steps.length);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expectNoHorizontalScroll(page);
    await screenshot(page, "fit-pathways-375");
    await ctx.close();
  });
});
