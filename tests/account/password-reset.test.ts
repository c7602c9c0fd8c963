// Password recovery (issue #21 §1) on a real database with a real SMTP server
// (smtp-server) in-process: the same answer for known and unknown addresses, a
// link only to a verified address of an existing account, stored hashed, used
// once, dead after an hour (a clock passed in, no sleeping), the old password
// refused afterwards, every session ended, and the limits per address and client.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { createTestDb, type TestDb } from "../support/db";
import { startMailCatcher, type MailCatcher } from "../support/mail";
import { codeOf } from "../support/errors";
import { passwordResetTokens, userEmails } from "@/db/schema";
import { checkSignIn, createAccount } from "@/server/auth/accounts";
import { checkSession, claimsAtSignIn } from "@/server/auth/session-state";
import {
  previewResetLink,
  requestPasswordReset,
  resetPassword,
  RESET_LIMITS,
  type ResetRequestContext,
} from "@/server/account/password-reset";

const ORIGIN = "http://sash.test";
let t: TestDb;
let smtp: MailCatcher;
let deferred: Promise<void>[] = [];

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
  deferred = [];
});

/** The request context of one client; the deferred work is collected so the test can wait for it. */
function client(address = "203.0.113.7", now?: () => Date): ResetRequestContext {
  return { db: t.db, origin: ORIGIN, clientAddress: address, now, defer: (task) => void deferred.push(task()) };
}

/** Waits for the deferred work and every mail it sent. */
async function settled(): Promise<ParsedMail[]> {
  await Promise.all(deferred);
  await Promise.all(smtp.pending);
  return smtp.inbox;
}

function linkOf(mail: ParsedMail): string {
  const m = /http:\/\/sash\.test\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
  if (!m) throw new Error(`no link in: ${mail.text}`);
  return m[1]!;
}

async function learner(email: string, verified = true) {
  const user = await createAccount(t.db, { name: "Ada", email, password: "old password 1" });
  await t.db.insert(userEmails).values({ userId: user.id, email, verifiedAt: verified ? new Date() : null });
  return user;
}

const recipients = (mails: ParsedMail[]) =>
  mails.map((m) => (m.to && "text" in m.to ? m.to.text : "")).sort((a, b) => a.localeCompare(b));

describe(`password recovery (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"}, real SMTP)`, () => {
  it("answers the same for a known and an unknown address, and mails only the known, verified one", async () => {
    await learner("ada@example.org");
    await learner("unverified@example.org", false);
    const known = await requestPasswordReset(client(), "ada@example.org");
    const unknown = await requestPasswordReset(client(), "nobody@example.org");
    const unverified = await requestPasswordReset(client(), "unverified@example.org");
    // The same words, naming only what was typed.
    expect(unknown.message).toBe(known.message.replace("ada@example.org", "nobody@example.org"));
    expect(unverified.message).toBe(known.message.replace("ada@example.org", "unverified@example.org"));
    const mails = await settled();
    expect(recipients(mails)).toEqual(["ada@example.org"]);
    expect(mails[0]!.subject).toBe("Set a new password for Sash");
    expect(mails[0]!.from?.text).toContain("sash@test.invalid");
    // Stored only as the SHA-256 of the 32-byte token.
    const token = linkOf(mails[0]!);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows = await t.db.select().from(passwordResetTokens);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("a link sets the password once: the new one signs in, the old one doesn't, other sessions end", async () => {
    const ada = await learner("ada@example.org");
    const laptop = await claimsAtSignIn(t.db, ada.id);
    expect(await checkSession(t.db, laptop)).toMatchObject({ id: ada.id });
    await requestPasswordReset(client(), "ada@example.org");
    const token = linkOf((await settled())[0]!);
    expect(await previewResetLink(t.db, token)).toEqual({ ok: true });

    expect(await codeOf(resetPassword(t.db, { token, password: "new password 2", confirm: "new password 3" }))).toBe(
      "PASSWORDS_DIFFER",
    );
    expect(await codeOf(resetPassword(t.db, { token, password: "short", confirm: "short" }))).toBe("INVALID_INPUT");
    expect(await resetPassword(t.db, { token, password: "new password 2", confirm: "new password 2" })).toEqual({
      userId: ada.id,
      email: "ada@example.org",
    });

    expect((await checkSignIn(t.db, "ada@example.org", "new password 2", "198.51.100.1")).ok).toBe(true);
    expect(await checkSignIn(t.db, "ada@example.org", "old password 1", "198.51.100.1")).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
    expect(await checkSession(t.db, laptop)).toBeNull();
    // Dead after use.
    expect(await previewResetLink(t.db, token)).toEqual({ ok: false, code: "RESET_LINK_USED" });
    expect(await codeOf(resetPassword(t.db, { token, password: "third password", confirm: "third password" }))).toBe(
      "RESET_LINK_USED",
    );
    expect((await checkSignIn(t.db, "ada@example.org", "new password 2", "198.51.100.1")).ok).toBe(true);
  });

  it("a link expires after 1 hour (by the clock passed in), and a newer link replaces an older one", async () => {
    await learner("ada@example.org");
    const t0 = new Date("2026-03-01T10:00:00Z");
    await requestPasswordReset(
      client("203.0.113.7", () => t0),
      "ada@example.org",
    );
    const first = linkOf((await settled())[0]!);
    const at = (ms: number) => () => new Date(t0.getTime() + ms);
    expect(await previewResetLink(t.db, first, { now: at(59 * 60_000) })).toEqual({ ok: true });
    expect(await previewResetLink(t.db, first, { now: at(60 * 60_000) })).toEqual({
      ok: false,
      code: "RESET_LINK_EXPIRED",
    });
    expect(
      await codeOf(
        resetPassword(
          t.db,
          { token: first, password: "new password 2", confirm: "new password 2" },
          { now: at(61 * 60_000) },
        ),
      ),
    ).toBe("RESET_LINK_EXPIRED");
    expect((await checkSignIn(t.db, "ada@example.org", "old password 1", "198.51.100.1")).ok).toBe(true);

    await requestPasswordReset(
      client("203.0.113.7", () => t0),
      "ada@example.org",
    );
    const second = linkOf((await settled())[1]!);
    expect(await previewResetLink(t.db, first, { now: () => t0 })).toEqual({ ok: false, code: "RESET_LINK_INVALID" });
    expect(await previewResetLink(t.db, second, { now: () => t0 })).toEqual({ ok: true });
    expect(await previewResetLink(t.db, "A".repeat(43))).toEqual({ ok: false, code: "RESET_LINK_INVALID" });
    expect(await previewResetLink(t.db, "<script>")).toEqual({ ok: false, code: "RESET_LINK_INVALID" });
  });

  it("limits requests per address (known or not alike) and per client address", async () => {
    await learner("ada@example.org");
    for (const email of ["ada@example.org", "nobody@example.org"]) {
      for (let i = 0; i < RESET_LIMITS.perAddress.max; i++)
        await requestPasswordReset(client(`203.0.113.${i + 10}`), email);
      expect(await codeOf(requestPasswordReset(client("203.0.113.99"), email))).toBe("RATE_LIMITED");
    }
    expect(recipients(await settled())).toEqual(Array(RESET_LIMITS.perAddress.max).fill("ada@example.org"));

    const one = client("198.51.100.50");
    for (let i = 0; i < RESET_LIMITS.perClient.max; i++) await requestPasswordReset(one, `someone${i}@example.org`);
    expect(await codeOf(requestPasswordReset(one, "someone-else@example.org"))).toBe("RATE_LIMITED");
    expect(await codeOf(requestPasswordReset(one, "not an address"))).toBe("INVALID_EMAIL");
  });
});
