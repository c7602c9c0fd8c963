// Issue #22 §3 in the browser: a verifier's OpenID4VP link (tests/support/oid4vp-verifier.ts on
// 127.0.0.1, allowed through SASH_ALLOW_FETCH_HOSTS of a server of this file's own) opens
// /wallet/present pre-filled; the learner sees who asks and what, picks, chooses Share, and the
// verifier receives a presentation whose signature, nonce and audience check out. Axe clean at 375 px.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { simpleParser } from "mailparser";
import { stopNextServer } from "../support/next-server";
import { startTestVerifier, verifyLdpVp, type TestVerifier } from "../support/oid4vp-verifier";
import { signedOb3Png } from "../support/trust";
import { expectNoHorizontalScroll, launch, screenshot, seriousA11yViolations, signUp, startOwnServer } from "./browser";

let browser: Browser;
let verifier: TestVerifier;
let child: ChildProcess | undefined;
let url = "";
let dir = "";

beforeAll(async () => {
  verifier = await startTestVerifier();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-e2e-oid4vp-"));
  const server = await startOwnServer("present-oid4vp", path.join(dir, "data"), {
    SASH_ALLOW_FETCH_HOSTS: verifier.hostPort,
  });
  child = server.child;
  url = server.url;
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (child) await stopNextServer(child);
  await verifier?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Confirms the address from this server's own outbox (the shared helper reads the shared server's). */
async function confirm(page: Page, email: string): Promise<void> {
  const outbox = path.join(dir, "data", "outbox");
  let link: string | null = null;
  for (let i = 0; i < 100 && !link; i++) {
    const files = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith(".eml")) : [];
    for (const f of files) {
      const mail = await simpleParser(fs.readFileSync(path.join(outbox, f)));
      const m = /https?:\/\/\S+\/account\/verify\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? "");
      const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : "";
      if (m && to.toLowerCase().includes(email.toLowerCase())) link = m[0].replace(/^https?:\/\/[^/]+/, url);
    }
    if (!link) await new Promise((r) => setTimeout(r, 100));
  }
  if (!link) throw new Error("no confirmation mail");
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm address" }).click();
  await page.waitForURL("**/account?verified=1");
}

describe("present by OpenID4VP", () => {
  it("open the verifier's link, see who asks and what, pick, Share, and the verifier has it", async () => {
    const ctx = await browser.newContext({ baseURL: url, viewport: { width: 375, height: 900 } });
    const page = await ctx.newPage();
    const { email } = await signUp(page, { name: "Ada Lovelace" });
    await confirm(page, email);
    await page.goto("/wallet/add");
    await page.getByLabel("Badge image").setInputFiles({
      name: "badge.png",
      mimeType: "image/png",
      buffer: await signedOb3Png({ email, title: "Teamwork", seed: 3 }),
    });
    const title = page.getByLabel("Title", { exact: true });
    await title.waitFor({ timeout: 30_000 });
    await expect.poll(() => title.inputValue(), { timeout: 30_000 }).toBe("Teamwork");
    await page.getByRole("button", { name: "Submit" }).click();
    await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });

    const clientId = "x509_san_dns:127.0.0.1";
    const requestUri = await verifier.serveX509("e2e", {
      client_id: clientId,
      response_type: "vp_token",
      response_mode: "direct_post",
      response_uri: `${verifier.origin}/response`,
      nonce: verifier.nonce,
      state: "e2e-state",
      client_metadata: { client_name: "Acme Hiring" },
      dcql_query: {
        credentials: [{ id: "badge", format: "ldp_vc", meta: { type_values: [["OpenBadgeCredential"]] } }],
      },
    });
    await page.goto(
      `/wallet/present?client_id=${encodeURIComponent(clientId)}&request_uri=${encodeURIComponent(requestUri)}`,
    );
    await page.getByRole("heading", { name: "Who is asking" }).waitFor({ timeout: 30_000 });
    await page.getByText(/The domain 127\.0\.0\.1 vouches for this request/).waitFor();
    await page.getByText(/calls itself “Acme Hiring” \(their own claim/).waitFor();
    await page.getByRole("group", { name: /They ask for: OpenBadgeCredential/ }).waitFor();
    expect(await page.getByLabel("Verifier's request").inputValue()).toContain("request_uri=");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expectNoHorizontalScroll(page);
    await screenshot(page, "present-oid4vp-375");

    await page.getByRole("radio", { name: /Teamwork/ }).check();
    expect(verifier.received).toHaveLength(0); // nothing sent before Share
    await page.getByRole("button", { name: "Share" }).click();
    await page.getByText("Shared: the verifier received your presentation.").waitFor({ timeout: 30_000 });
    expect(await page.getByRole("link", { name: "Continue to the verifier" }).getAttribute("href")).toBe(
      `${verifier.origin}/done?session=1`,
    );
    expect(verifier.received).toHaveLength(1);
    const form = verifier.received[0]!.form;
    expect(form.state).toBe("e2e-state");
    const vp = (JSON.parse(form.vp_token!) as Record<string, Array<Record<string, unknown>>>).badge![0]!;
    expect(await verifyLdpVp(vp, verifier.nonce, clientId)).toBe(true);
    await ctx.close();
  });
});
