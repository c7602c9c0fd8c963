// Verified email addresses (issue #11 §2) on a real database, with a real SMTP
// server in-process (smtp-server) and every message parsed as it arrives.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { eq, sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { startMailCatcher, type MailCatcher } from "../support/mail";
import { signedOb3Png } from "../support/trust";
import { until } from "../support/wait";
import { emailVerificationTokens, userEmails } from "@/db/schema";
import { getCredential } from "@/db/queries/credentials";
import { createAccount, OidcLinkRefusedError, upsertOidcUser } from "@/server/auth/accounts";
import {
  AccountError,
  addEmail,
  claimBadgeAddress,
  confirmEmail,
  listAddresses,
  previewConfirmationLink,
  registerSignUpAddress,
  removeEmail,
  resendVerification,
  type AccountContext,
} from "@/server/account/addresses";
import { sendMail } from "@/server/mail/send";
import type { WalletContext } from "@/server/wallet/types";
import { stageFile } from "@/server/wallet/ingest";
import { saveStaged } from "@/server/wallet/saving";

const ORIGIN = "http://sash.test";
let t: TestDb;
let smtp: MailCatcher;

beforeAll(async () => {
  t = await createTestDb();
  smtp = await startMailCatcher({ processEnv: true });
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  smtp.clear();
});

async function mails(n: number): Promise<ParsedMail[]> {
  await until(() => smtp.inbox.length >= n); // no deadline: a mail that never comes hangs into vitest's timeout
  await Promise.all(smtp.pending);
  expect(smtp.inbox.length).toBe(n);
  return smtp.inbox;
}

function tokenOf(mail: ParsedMail): string {
  const m = /http:\/\/sash\.test\/account\/verify\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
  if (!m) throw new Error(`no link in: ${mail.text}`);
  return m[1]!;
}

async function learner(name: string, email: string): Promise<AccountContext> {
  const user = await createAccount(t.db, { name, email, password: "correct horse battery" });
  await registerSignUpAddress(t.db, user, ORIGIN);
  return { db: t.db, user, origin: ORIGIN };
}

const walletCtx = (a: AccountContext): WalletContext => ({ db: t.db, user: { id: a.user.id, email: a.user.email } });

async function importBadge(a: AccountContext, png: Buffer): Promise<string> {
  const staged = await stageFile(walletCtx(a), png);
  if (staged.kind !== "draft") throw new Error("expected a draft");
  const saved = await saveStaged(walletCtx(a), staged.draft.uploadId, {
    title: "My title",
    description: "",
    skills: [],
  });
  return saved.id;
}

async function resultOf(a: AccountContext, id: string) {
  const c = await getCredential(t.db, a.user.id, id);
  return {
    result: c!.verificationResult,
    recipient: c!.verification!.checks.find((x) => x.id === "recipient")!.status,
  };
}

describe(`verified email addresses (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"}, real SMTP)`, () => {
  it("sign-up records the address unverified and mails a single-use link whose token is stored only hashed", async () => {
    const ada = await learner("Ada", "ada@example.org");
    const [mail] = await mails(1);
    expect(mail!.to && "text" in mail!.to ? mail!.to.text : "").toContain("ada@example.org");
    expect(mail!.from?.text).toContain("sash@test.invalid");
    expect(mail!.subject).toBe("Confirm your email address for Sash");
    const token = tokenOf(mail!);
    const rows = await t.db.select().from(emailVerificationTokens);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);
    const hours = (rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThan(24.1);
    expect((await listAddresses(ada)).map((a) => [a.email, a.verified])).toEqual([["ada@example.org", false]]);

    const ok = await confirmEmail(t.db, token, ada.user.id);
    expect(ok.ok).toBe(true);
    expect((await listAddresses(ada)).map((a) => [a.email, a.verified])).toEqual([["ada@example.org", true]]);
    const again = await confirmEmail(t.db, token, ada.user.id);
    expect(again).toMatchObject({ ok: false, code: "LINK_USED" });
  });

  it("refuses an expired link, a made-up token and an old link after a resend", async () => {
    const ada = await learner("Ada", "ada@example.org");
    const [first] = await mails(1);
    const later = () => new Date(Date.now() + 25 * 3_600_000);
    expect(await confirmEmail(t.db, tokenOf(first!), ada.user.id, { now: later })).toMatchObject({
      ok: false,
      code: "LINK_EXPIRED",
    });
    expect(await confirmEmail(t.db, "A".repeat(43), ada.user.id)).toMatchObject({ ok: false, code: "LINK_INVALID" });
    expect(await confirmEmail(t.db, "<script>", ada.user.id)).toMatchObject({ ok: false, code: "LINK_INVALID" });
    const [row] = await listAddresses(ada);
    await resendVerification(ada, row!.id);
    const [, second] = await mails(2);
    expect(await confirmEmail(t.db, tokenOf(first!), ada.user.id)).toMatchObject({ ok: false, code: "LINK_INVALID" });
    expect(await confirmEmail(t.db, tokenOf(second!), ada.user.id)).toMatchObject({ ok: true });
    await expect(resendVerification(ada, row!.id)).rejects.toMatchObject({ code: "ALREADY_VERIFIED" });
  });

  it("matches a badge's recipient only against verified addresses, and re-checks every credential the moment one is verified", async () => {
    const ada = await learner("Ada", "ada@example.org");
    const [mail] = await mails(1);
    const hashed = await importBadge(ada, await signedOb3Png({ email: "ada@example.org", hashed: true, seed: 1 }));
    const plain = await importBadge(ada, await signedOb3Png({ email: "ada@example.org", hashed: false, seed: 2 }));
    // Signed and untampered, but no address is confirmed yet: not "valid".
    expect(await resultOf(ada, hashed)).toEqual({ result: "indeterminate", recipient: "warn" });
    expect(await resultOf(ada, plain)).toEqual({ result: "indeterminate", recipient: "warn" });
    const res = await confirmEmail(t.db, tokenOf(mail!), ada.user.id);
    expect(res.ok && res.reverified.checked).toBe(2);
    expect(await resultOf(ada, hashed)).toEqual({ result: "valid", recipient: "pass" });
    expect(await resultOf(ada, plain)).toEqual({ result: "valid", recipient: "pass" });
  });

  it("a learner who signed up with someone else's address never confirms that person's badge", async () => {
    const mallory = await learner("Mallory", "victim@example.org");
    await mails(1); // the link goes to the victim's inbox, which Mallory can't read
    const id = await importBadge(mallory, await signedOb3Png({ email: "victim@example.org", hashed: true }));
    expect((await resultOf(mallory, id)).result).not.toBe("valid");
    // The victim verifies the address on their own account; Mallory's copy stays unconfirmed.
    const victim = await learner("Victor", "victor@example.org");
    await addEmail(victim, "VICTIM@example.org");
    const [, , link] = await mails(3);
    expect((await confirmEmail(t.db, tokenOf(link!), victim.user.id)).ok).toBe(true);
    // Issue #25 §1: Mallory is told what she'd be told for any address (no "already verified elsewhere");
    // the mail to the address carries no link, and nothing is verified on her account.
    await expect(addEmail(mallory, "victim@example.org")).resolves.toMatchObject({ verified: false });
    const [, , , notice] = await mails(4);
    expect(notice!.text).not.toMatch(/account\/verify/);
    expect(notice!.text).toContain("already confirmed on a Sash account");
    expect((await resultOf(mallory, id)).result).not.toBe("valid");
  });

  it("one address is verified for at most one learner, even when both hold a link", async () => {
    const a = await learner("A", "a@example.org");
    const b = await learner("B", "b@example.org");
    await addEmail(a, "shared@example.org");
    await addEmail(b, "shared@example.org");
    const all = await mails(4);
    const links = all.filter((m) => (m.text ?? "").includes("shared@example.org")).map(tokenOf);
    expect(links).toHaveLength(2);
    expect((await confirmEmail(t.db, links[0]!, a.user.id)).ok).toBe(true);
    expect(await confirmEmail(t.db, links[1]!, b.user.id)).toMatchObject({ ok: false, code: "EMAIL_TAKEN" });
    const verified = await t.db
      .select()
      .from(userEmails)
      .where(sql`lower(${userEmails.email}) = 'shared@example.org' and ${userEmails.verifiedAt} is not null`);
    expect(verified).toHaveLength(1);
  });

  it("reconciliation: checks the learner's answer against the badge's hash before sending a link", async () => {
    const ada = await learner("Ada", "ada@home.example");
    await mails(1);
    const id = await importBadge(ada, await signedOb3Png({ email: "ada.lovelace@work.example", hashed: true }));
    await expect(claimBadgeAddress(ada, id, "ada@work.example")).rejects.toMatchObject({ code: "ADDRESS_MISMATCH" });
    await expect(claimBadgeAddress(ada, id, "not an address")).rejects.toMatchObject({ code: "INVALID_EMAIL" });
    expect(smtp.inbox).toHaveLength(1); // no link for a wrong guess
    await claimBadgeAddress(ada, id, "ada.lovelace@work.example");
    const [, link] = await mails(2);
    expect(link!.to && "text" in link!.to ? link!.to.text : "").toContain("ada.lovelace@work.example");
    await confirmEmail(t.db, tokenOf(link!), ada.user.id);
    expect(await resultOf(ada, id)).toEqual({ result: "valid", recipient: "pass" });
  });

  it("removing a verified address un-confirms its badges at once; the sign-in address can't be removed", async () => {
    const ada = await learner("Ada", "ada@home.example");
    await addEmail(ada, "ada@work.example");
    const [, link] = await mails(2);
    await confirmEmail(t.db, tokenOf(link!), ada.user.id);
    const id = await importBadge(ada, await signedOb3Png({ email: "ada@work.example", hashed: true }));
    expect((await resultOf(ada, id)).result).toBe("valid");
    const work = (await listAddresses(ada)).find((a) => a.email === "ada@work.example")!;
    await removeEmail(ada, work.id);
    expect((await resultOf(ada, id)).result).toBe("indeterminate");
    const home = (await listAddresses(ada)).find((a) => a.signIn)!;
    await expect(removeEmail(ada, home.id)).rejects.toBeInstanceOf(AccountError);
    await expect(removeEmail(ada, "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("single sign-on links an existing account only for its signed-in learner who connects it (issue #25 §1)", async () => {
    const ada = await learner("Ada", "ada@example.org");
    const [mail] = await mails(1);
    await expect(upsertOidcUser(t.db, "idp|1", "ada@example.org", "Ada", true)).rejects.toBeInstanceOf(
      OidcLinkRefusedError,
    );
    await confirmEmail(t.db, tokenOf(mail!), ada.user.id);
    // Both sides verified is no longer enough (the address may have been verified by someone who took it over).
    await expect(upsertOidcUser(t.db, "idp|1", "ada@example.org", "Ada", true)).rejects.toBeInstanceOf(
      OidcLinkRefusedError,
    );
    const linked = await upsertOidcUser(t.db, "idp|1", "ada@example.org", "Ada", true, ada.user.id);
    expect(linked.id).toBe(ada.user.id);
    expect((await upsertOidcUser(t.db, "idp|1", "ada@example.org", "Ada", true)).id).toBe(ada.user.id);
    // A new single-sign-on learner's address is verified when the provider vouches for it.
    const fresh = await upsertOidcUser(t.db, "idp|2", "grace@example.org", "Grace", true);
    expect((await listAddresses({ db: t.db, user: fresh })).map((a) => a.verified)).toEqual([true]);
  });

  it("validates what the learner types and caps the addresses per learner", async () => {
    const ada = await learner("Ada", "ada@example.org");
    await expect(addEmail(ada, "nope")).rejects.toMatchObject({ code: "INVALID_EMAIL" });
    await expect(addEmail(ada, `${"x".repeat(250)}@example.org`)).rejects.toMatchObject({ code: "INVALID_EMAIL" });
    for (let i = 0; i < 9; i++) await addEmail(ada, `ada+${i}@example.org`);
    await expect(addEmail(ada, "ada+10@example.org")).rejects.toMatchObject({ code: "TOO_MANY" });
    await expect(addEmail(ada, "ada+1@example.org")).resolves.toMatchObject({ verified: false }); // re-sends, adds nothing
    expect(await t.db.select().from(userEmails).where(eq(userEmails.userId, ada.user.id))).toHaveLength(10);
  });
});

describe("confirming an address proves its owner wants it in this account (issue #25 §1, §2)", () => {
  it("a link opened by a mail scanner verifies nothing, and the mail names the account that asked, without its name", async () => {
    const mallory = await learner("Registrar Office", "mallory@evil.example");
    await addEmail(mallory, "victim@school.example");
    const [, mail] = await mails(2);
    expect(mail!.to && "text" in mail!.to ? mail!.to.text : "").toContain("victim@school.example");
    // The account that asked, by its sign-in address; no learner-written text (the name) in a mail to an unverified address.
    expect(mail!.text).toContain(
      "The Sash account that signs in with mallory@evil.example asked to add victim@school.example",
    );
    expect(mail!.text).not.toContain("Registrar Office");
    const token = tokenOf(mail!);
    // What the page does on a GET: read the link. Any number of times, it changes nothing.
    for (let i = 0; i < 3; i++) {
      expect(await previewConfirmationLink(t.db, token)).toMatchObject({
        ok: true,
        email: "victim@school.example",
        userId: mallory.user.id,
        account: { email: "mallory@evil.example", name: "Registrar Office" },
      });
    }
    expect((await listAddresses(mallory)).find((a) => a.email === "victim@school.example")?.verified).toBe(false);
    // The victim, signed in to their own account, presses Confirm: refused with a code, nothing changes.
    const victim = await learner("Victoria", "victoria@school.example");
    expect(await confirmEmail(t.db, token, victim.user.id)).toMatchObject({ ok: false, code: "WRONG_ACCOUNT" });
    expect(await previewConfirmationLink(t.db, token)).toMatchObject({ ok: true });
    expect((await listAddresses(mallory)).find((a) => a.email === "victim@school.example")?.verified).toBe(false);
    expect((await listAddresses(victim)).map((a) => a.email)).toEqual(["victoria@school.example"]);
    // Signed out (no learner): nothing to confirm with.
    expect(await confirmEmail(t.db, token, "")).toMatchObject({ ok: false, code: "WRONG_ACCOUNT" });
  });

  it("the learner who asked confirms with the page's POST, once", async () => {
    const ada = await learner("Ada", "ada@home.example");
    await addEmail(ada, "ada@work.example");
    const [signUpMail, mail] = await mails(2);
    expect(signUpMail!.text).toContain("A Sash account was created with the address ada@home.example.");
    expect(signUpMail!.text).not.toMatch(/Hello Ada/);
    expect(await previewConfirmationLink(t.db, tokenOf(mail!))).toMatchObject({
      ok: true,
      account: { email: "ada@home.example", name: "Ada" },
    });
    expect(await confirmEmail(t.db, tokenOf(mail!), ada.user.id)).toMatchObject({
      ok: true,
      email: "ada@work.example",
    });
    expect((await listAddresses(ada)).find((a) => a.email === "ada@work.example")?.verified).toBe(true);
    expect(await previewConfirmationLink(t.db, tokenOf(mail!))).toMatchObject({ ok: false, code: "LINK_USED" });
    expect(await previewConfirmationLink(t.db, "nope")).toMatchObject({ ok: false, code: "LINK_INVALID" });
  });

  it("adding an address verified on another account answers as for any address", async () => {
    const owner = await learner("Owner", "owner@school.example");
    const [ownMail] = await mails(1);
    await confirmEmail(t.db, tokenOf(ownMail!), owner.user.id);
    const stranger = await learner("Stranger", "stranger@example.org");
    const taken = await addEmail(stranger, "OWNER@school.example");
    const free = await addEmail(stranger, "nobody@school.example");
    const shape = (v: typeof taken) => ({ verified: v.verified, signIn: v.signIn, keys: Object.keys(v).sort() });
    expect(shape(taken)).toEqual(shape(free));
    const all = await mails(4);
    const notice = all.find((m) => (m.to && "text" in m.to ? m.to.text : "").includes("OWNER@school.example"))!;
    expect(notice.subject).toBe("Confirm your email address for Sash");
    expect(notice.text).toContain("stranger@example.org");
    expect(notice.text).not.toMatch(/account\/verify/);
  });

  it("a name with line breaks never becomes an account, and never reaches a mail as separate lines", async () => {
    const name = "Registrar,\n\nURGENT: diploma revoked. Log in at https://evil.example/x";
    await expect(
      createAccount(t.db, { name, email: "x@example.org", password: "correct horse battery" }),
    ).rejects.toMatchObject({ code: "INVALID_NAME" });
    // A provider's name claim is made one line before it is stored.
    const sso = await upsertOidcUser(t.db, "idp|9", "sso@example.org", name, false);
    expect(sso.name).toBe("Registrar, URGENT: diploma revoked. Log in at https://evil.example/x");
    const ctx: AccountContext = { db: t.db, user: sso, origin: ORIGIN };
    await addEmail(ctx, "other@example.org");
    const [mail] = await mails(1);
    expect(mail!.text).not.toContain("URGENT");
    expect(mail!.text).not.toContain("Registrar");
  });
});

describe("mail without SMTP_URL: the outbox", () => {
  it("writes each message as one .eml file in SASH_DATA_DIR/outbox and logs its path", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sash-outbox-"));
    try {
      const env = { SASH_DATA_DIR: dir };
      const sent = await sendMail(
        { to: "ada@example.org", subject: "Hello", text: "Open http://sash.test/account/verify?token=abc" },
        env,
      );
      expect(sent.via).toBe("outbox");
      const files = readdirSync(path.join(dir, "outbox"));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const parsed = await simpleParser(readFileSync(path.join(dir, "outbox", files[0]!)));
      expect(parsed.subject).toBe("Hello");
      expect(parsed.text).toContain("token=abc");
      await expect(
        sendMail({ to: "x@example.org", subject: "x", text: "x" }, { ...env, SMTP_URL: "http://nope" }),
      ).rejects.toMatchObject({ code: "CONFIG_INVALID" }); // server/config.ts refuses it (issue #19 §3); was MAIL_CONFIG at send time
      // Header values with line breaks are refused before nodemailer sees them (issue #25 §2).
      await expect(
        sendMail({ to: "x@example.org", subject: "Hi\r\nBcc: all@example.org", text: "x" }, env),
      ).rejects.toMatchObject({ code: "MAIL_HEADER_INVALID" });
      await expect(
        sendMail({ to: "x@example.org\nBcc: all@example.org", subject: "Hi", text: "x" }, env),
      ).rejects.toMatchObject({ code: "MAIL_HEADER_INVALID" });
      expect(readdirSync(path.join(dir, "outbox"))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
