// Issue #22 §2 in the browser: a learner pastes an issuer's pre-authorized credential offer on
// /wallet/receive, sees who offers what, receives it (proof of possession by their did:key), reviews
// the pre-filled draft, saves it, and finds it in the wallet issued to their wallet's key. The issuer
// is tests/support/oid4vci-issuer.ts on 127.0.0.1, allowed through SASH_ALLOW_FETCH_HOSTS of a server
// of this file's own (the shared server starts before the issuer's port is known). The second test takes the
// authorization code flow through the real /wallet/receive/callback route in the browser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import type { Browser } from "playwright-core";
import { stopNextServer } from "../support/next-server";
import { startTestIssuer, type TestIssuer } from "../support/oid4vci-issuer";
import { expectNoHorizontalScroll, launch, screenshot, seriousA11yViolations, signUp, startOwnServer } from "./browser";

let browser: Browser;
let issuer: TestIssuer;
let child: ChildProcess | undefined;
let url = "";
let dir = "";

beforeAll(async () => {
  issuer = await startTestIssuer({ name: "Teamwork", txCode: "4711" });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-e2e-receive-"));
  const server = await startOwnServer("receive", path.join(dir, "data"), { SASH_ALLOW_FETCH_HOSTS: issuer.hostPort });
  child = server.child;
  url = server.url;
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (child) await stopNextServer(child);
  await issuer?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("receive a credential by OpenID4VCI", () => {
  it("paste an offer, see who offers what, enter the code, receive, review, save, and see it in the wallet", async () => {
    const ctx = await browser.newContext({ baseURL: url, viewport: { width: 375, height: 900 } });
    const page = await ctx.newPage();
    await signUp(page, { name: "Ada Lovelace" });

    await page.goto("/wallet/add");
    await page.getByRole("link", { name: "Receive a credential from an issuer" }).click();
    await page.waitForURL("**/wallet/receive");
    await page.getByRole("heading", { name: "Receive a credential", level: 1 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expectNoHorizontalScroll(page);

    await page.getByLabel("Credential offer").fill(issuer.offerUri(issuer.preAuthorizedOffer()));
    await page.getByRole("button", { name: "Receive" }).click();
    await page.getByRole("heading", { name: "Credential offer" }).waitFor({ timeout: 30_000 });
    await page.getByText("Sash Test University").waitFor();
    await page.getByText(issuer.origin).waitFor();
    await page.getByText("Teamwork badge").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expectNoHorizontalScroll(page);
    await screenshot(page, "receive-offer-375");

    await page.getByLabel("Transaction code").fill("4711");
    await page.getByRole("button", { name: "Accept credential" }).click();
    const title = page.getByLabel("Title", { exact: true });
    await title.waitFor({ timeout: 30_000 });
    await expect.poll(() => title.inputValue(), { timeout: 30_000 }).toBe("Teamwork");
    await page
      .getByText(/Issued to this learner's wallet key did:key:z6Mk/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await expectNoHorizontalScroll(page);
    await screenshot(page, "receive-draft-375");

    await page.getByRole("button", { name: "Submit" }).click();
    await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });
    await page
      .getByRole("link", { name: /Teamwork/ })
      .first()
      .waitFor();
    expect(issuer.issuedTo).toHaveLength(1);
    await ctx.close();
  }, 180_000);

  it("authorization code flow: continue at the issuer, back through /wallet/receive/callback, review, save", async () => {
    const ctx = await browser.newContext({ baseURL: url, viewport: { width: 375, height: 900 } });
    const page = await ctx.newPage();
    await signUp(page, { name: "Katherine Johnson" });
    const before = issuer.issuedTo.length;

    await page.goto("/wallet/receive");
    await page.getByLabel("Credential offer").fill(issuer.offerUri(issuer.authorizationCodeOffer()));
    await page.getByRole("button", { name: "Receive" }).click();
    await page.getByRole("heading", { name: "Credential offer" }).waitFor({ timeout: 30_000 });
    // The issuer's authorize endpoint (auto-approving, PKCE S256) sends the browser back to Sash's callback
    // (redirect_uri <origin>/wallet/receive/callback) with the code and state; the sealed cookie goes with it.
    const callbacks: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/wallet/receive/callback")) callbacks.push(r.url());
    });
    await page.getByRole("button", { name: "Continue at the issuer" }).click();
    const title = page.getByLabel("Title", { exact: true });
    await title.waitFor({ timeout: 30_000 });
    expect(callbacks).toHaveLength(1);
    const back = new URL(callbacks[0]!);
    expect(back.origin).toBe(url);
    expect(back.searchParams.get("code")).toBeTruthy();
    expect(back.searchParams.get("state")).toBeTruthy();
    expect(new URL(page.url()).searchParams.get("staged")).toBeTruthy();
    await expect.poll(() => title.inputValue(), { timeout: 30_000 }).toBe("Teamwork");
    await page
      .getByText(/Issued to this learner's wallet key did:key:z6Mk/)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Submit" }).click();
    await page.waitForURL((u) => u.pathname === "/wallet", { timeout: 30_000 });
    expect(issuer.issuedTo.length).toBe(before + 1);

    // The callback again (a replayed or forged answer): the pending state was used up and cleared, so nothing is
    // requested from the issuer and the learner reads why.
    await page.goto(
      `/wallet/receive/callback?${new URLSearchParams({ code: "x", state: back.searchParams.get("state")! })}`,
    );
    await page.waitForURL((u) => u.pathname === "/wallet/receive" && u.searchParams.get("error") === "OID4VCI_STATE");
    await page.getByRole("heading", { name: "Couldn't receive the credential" }).waitFor();
    expect(issuer.issuedTo.length).toBe(before + 1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await ctx.close();
  }, 180_000);
});
