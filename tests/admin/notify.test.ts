// Mail about what changed (issue #21 §3) on a real database with a real SMTP server (smtp-server):
// several changes make ONE mail, at most one a day; none when the learner turned the setting off; the
// mail carries List-Unsubscribe + List-Unsubscribe-Post (RFC 8058) and its link's signed token
// unsubscribes without a session; a forged token doesn't.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { eq } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { startMailCatcher, type MailCatcher } from "../support/mail";
import { signedOb3Png } from "../support/trust";
import { until } from "../support/wait";
import { credentials, userEmails, users } from "@/db/schema";
import { getNotifySetting, setNotifySetting } from "@/db/queries/admin";
import type { WalletContext } from "@/server/wallet/types";
import { stageFile } from "@/server/wallet/ingest";
import { saveStaged } from "@/server/wallet/saving";
import { sendCredentialMail, unsubscribeByToken, userOfUnsubscribeToken } from "@/server/reverify/notify";

const ORIGIN = "http://sash.test";
const DAY = 24 * 3600 * 1000;
let t: TestDb;
let smtp: MailCatcher;
let ctx: WalletContext;
let env: Record<string, string>;
const saved = { AUTH_SECRET: process.env.AUTH_SECRET };

beforeAll(async () => {
  t = await createTestDb();
  process.env.AUTH_SECRET = "notify-test-secret-0123456789abcdef";
  smtp = await startMailCatcher();
  env = { SMTP_URL: smtp.url, NEXTAUTH_URL: ORIGIN, AUTH_SECRET: process.env.AUTH_SECRET! };
});
afterAll(async () => {
  if (saved.AUTH_SECRET === undefined) delete process.env.AUTH_SECRET;
  else process.env.AUTH_SECRET = saved.AUTH_SECRET;
  await smtp?.close();
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  smtp.clear();
  const [u] = await t.db.insert(users).values({ name: "Ada", email: "ada@example.org", passwordHash: "x" }).returning();
  await t.db.insert(userEmails).values({ userId: u!.id, email: "ada@example.org", verifiedAt: new Date() });
  ctx = { db: t.db, user: { id: u!.id, email: u!.email } };
});

async function importSigned(validUntil: string, seed: number): Promise<string> {
  const staged = await stageFile(ctx, await signedOb3Png({ email: "ada@example.org", hashed: true, validUntil, seed }));
  if (staged.kind !== "draft") throw new Error("expected a draft");
  return (await saveStaged(ctx, staged.draft.uploadId, { title: `Badge ${seed}`, description: "", skills: [] })).id;
}

async function settle(n: number): Promise<ParsedMail[]> {
  await until(() => smtp.inbox.length >= n);
  await Promise.all(smtp.pending);
  expect(smtp.inbox.length).toBe(n);
  return smtp.inbox;
}

const inDays = (now: Date, d: number) => new Date(now.getTime() + d * DAY).toISOString();

describe(`credential mail (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("batches several changes into one mail a day, with one-click unsubscribe headers and a link to each", async () => {
    const now = new Date();
    const expiring = await importSigned(inDays(now, 10), 11);
    const expired = await importSigned(inDays(now, -3), 12);
    await importSigned(inDays(now, 200), 13); // fine: not mentioned

    expect(await sendCredentialMail(t.db, { now, env })).toEqual({ mailed: 1, credentials: 2 });
    const [mail] = await settle(1);
    expect(mail!.to && "text" in mail!.to ? mail!.to.text : "").toContain("ada@example.org");
    expect(mail!.text).toContain(`${ORIGIN}/wallet/c/${expiring}`);
    expect(mail!.text).toContain(`${ORIGIN}/wallet/c/${expired}`);
    expect(mail!.text).toMatch(/Expired on/);
    expect(mail!.text).toMatch(/Expires on/);
    // The raw header lines, as a mail provider reads them (RFC 8058 §3.1).
    const line = (name: string) =>
      mail!.headerLines
        .find((h) => h.key === name)
        ?.line.replace(/^[^:]+:\s*/, "")
        .replace(/\r?\n\s+/g, " ");
    expect(line("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const unsubUrl = /^<([^>]+)>$/.exec(line("list-unsubscribe") ?? "")?.[1] ?? "";
    expect(unsubUrl).toMatch(new RegExp(`^${ORIGIN}/unsubscribe\\?t=`));
    expect(mail!.text).toContain(unsubUrl);

    // A new change the same day waits; the same changes are never mailed twice.
    const later = await importSigned(inDays(now, 20), 14);
    expect(await sendCredentialMail(t.db, { now: new Date(now.getTime() + 3600_000), env })).toEqual({
      mailed: 0,
      credentials: 0,
    });
    expect(await sendCredentialMail(t.db, { now: new Date(now.getTime() + DAY + 60_000), env })).toEqual({
      mailed: 1,
      credentials: 1,
    });
    const second = (await settle(2))[1]!;
    expect(second.text).toContain(`${ORIGIN}/wallet/c/${later}`);
    expect(second.text).not.toContain(`${ORIGIN}/wallet/c/${expired}`);

    // The link's token unsubscribes with no session; a forged one doesn't.
    const token = new URL(unsubUrl).searchParams.get("t")!;
    expect(userOfUnsubscribeToken(token)).toBe(ctx.user.id);
    const forged = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
    expect(await unsubscribeByToken(t.db, forged)).toBe(false);
    expect(await getNotifySetting(t.db, ctx.user.id)).toBe(true);
    expect(await unsubscribeByToken(t.db, token)).toBe(true);
    expect(await getNotifySetting(t.db, ctx.user.id)).toBe(false);
  }, 120_000);

  it("sends nothing to a learner who turned the setting off, or who is disabled", async () => {
    const now = new Date();
    await importSigned(inDays(now, 5), 21);
    await setNotifySetting(t.db, ctx.user.id, false);
    expect(await sendCredentialMail(t.db, { now, env })).toEqual({ mailed: 0, credentials: 0 });
    await setNotifySetting(t.db, ctx.user.id, true);
    await t.db.update(users).set({ disabled: true }).where(eq(users.id, ctx.user.id));
    expect(await sendCredentialMail(t.db, { now, env })).toEqual({ mailed: 0, credentials: 0 });
    await t.db.update(users).set({ disabled: false }).where(eq(users.id, ctx.user.id));
    expect(await sendCredentialMail(t.db, { now, env })).toEqual({ mailed: 1, credentials: 1 });
    await settle(1);
    const [row] = await t.db.select().from(credentials).where(eq(credentials.userId, ctx.user.id));
    expect(row!.notifiedStatus).toBe("expiring");
  }, 120_000);
});
