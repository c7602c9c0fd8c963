// Issue #11 §4: stored credentials are re-checked on a schedule; one that turns
// expired gets a notice; on PostgreSQL pg-boss runs each pass in exactly one of
// several app instances sharing the queue.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { signedOb3Png } from "../support/trust";
import { until } from "../support/wait";
import { credentials, userEmails, users } from "@/db/schema";
import { listStatusNotices, dismissStatusNotice } from "@/db/queries/reverify";
import type { WalletContext } from "@/server/wallet/types";
import { stageFile } from "@/server/wallet/ingest";
import { saveStaged } from "@/server/wallet/saving";
import { noticeFor, reverifyDue, reverifyIntervalHours } from "@/server/reverify/reverify";
import { cronFor, startReverifyScheduler } from "@/server/reverify/scheduler";
import type { VerificationReport } from "@/lib/badges/verify/types";

let t: TestDb;
let ctx: WalletContext;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  const [u] = await t.db.insert(users).values({ name: "Ada", email: "ada@example.org", passwordHash: "x" }).returning();
  await t.db.insert(userEmails).values({ userId: u!.id, email: "ada@example.org", verifiedAt: new Date() });
  ctx = { db: t.db, user: { id: u!.id, email: u!.email } };
});

async function importSigned(opts: { validUntil?: string; seed?: number } = {}): Promise<string> {
  const staged = await stageFile(ctx, await signedOb3Png({ email: "ada@example.org", hashed: true, ...opts }));
  if (staged.kind !== "draft") throw new Error("expected a draft");
  return (await saveStaged(ctx, staged.draft.uploadId, { title: "Teamwork", description: "", skills: [] })).id;
}

async function row(id: string) {
  const [r] = await t.db.select().from(credentials).where(eq(credentials.id, id));
  return r!;
}

async function age(id: string, hours: number) {
  await t.db
    .update(credentials)
    .set({ verifiedAt: sql`now() - make_interval(hours => ${hours})` })
    .where(eq(credentials.id, id));
}

describe(`scheduled re-verification (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("re-checks only credentials older than the interval (daily by default)", async () => {
    expect(reverifyIntervalHours({})).toBe(24);
    expect(reverifyIntervalHours({ SASH_REVERIFY_HOURS: "6" })).toBe(6);
    // A bad value is a configuration error naming the variable (issue #19 §3), no longer silently the default.
    expect(() => reverifyIntervalHours({ SASH_REVERIFY_HOURS: "nonsense" })).toThrow(/SASH_REVERIFY_HOURS="nonsense"/);
    const fresh = await importSigned({ seed: 1 });
    const stale = await importSigned({ seed: 2 });
    await age(stale, 30);
    const before = (await row(stale)).verifiedAt!;
    const s = await reverifyDue(t.db, { intervalHours: 24 });
    expect(s.checked).toBe(1);
    expect((await row(stale)).verifiedAt!.getTime()).toBeGreaterThan(before.getTime());
    expect((await row(fresh)).verificationResult).toBe("valid");
    expect((await reverifyDue(t.db, { intervalHours: 24 })).checked).toBe(0);
  });

  it("a credential that expires between checks turns Not verified and gets one wallet notice", async () => {
    const id = await importSigned({ validUntil: "2027-01-01T00:00:00Z" });
    expect((await row(id)).verificationResult).toBe("valid");
    await age(id, 25);
    const later = () => new Date("2027-02-01T00:00:00Z");
    const s = await reverifyDue(t.db, { intervalHours: 24, now: later });
    expect(s).toMatchObject({ checked: 1, newlyExpired: 1 });
    expect((await row(id)).verificationResult).toBe("invalid");
    expect(await listStatusNotices(t.db, ctx.user.id)).toMatchObject([{ id, notice: "expired", title: "Teamwork" }]);
    // Dismissed, it stays dismissed while the credential stays expired.
    await dismissStatusNotice(t.db, ctx.user.id, id);
    await t.db
      .update(credentials)
      .set({ verifiedAt: new Date("2027-01-20T00:00:00Z") })
      .where(eq(credentials.id, id));
    expect((await reverifyDue(t.db, { intervalHours: 24, now: later })).newlyExpired).toBe(0);
    expect(await listStatusNotices(t.db, ctx.user.id)).toEqual([]);
  });

  it("names the transition: revoked or expired only when the previous check didn't say so", () => {
    const rep = (rev: string, exp: string) =>
      ({
        result: "invalid",
        checkedAt: "",
        checks: [
          { id: "revocation", status: rev, message: "" },
          { id: "expiry", status: exp, message: "" },
        ],
      }) as VerificationReport;
    expect(noticeFor(rep("pass", "pass"), rep("fail", "pass"))).toBe("revoked");
    expect(noticeFor(rep("fail", "pass"), rep("fail", "pass"))).toBeNull();
    expect(noticeFor(null, rep("pass", "fail"))).toBe("expired");
    expect(noticeFor(rep("pass", "pass"), rep("pass", "pass"))).toBeNull();
  });

  it("the embedded database's in-process scheduler runs one pass at a time", async () => {
    const id = await importSigned();
    await age(id, 48);
    const changed: string[][] = [];
    const s = await startReverifyScheduler({
      db: t.db,
      kind: "pglite",
      onChanged: (slugs) => changed.push(slugs),
      env: {},
    });
    try {
      expect(s.kind).toBe("timer");
      const [a, b] = await Promise.all([s.runOnce(), s.runOnce()]);
      expect([a?.checked ?? null, b?.checked ?? null].sort()).toEqual([1, null]);
      expect(changed).toEqual([[(await row(id)).shareSlug]]);
    } finally {
      await s.stop();
    }
    expect(cronFor(24)).toBe("0 * * * *");
    expect(cronFor(0.25)).toBe("*/15 * * * *");
  });
});

// pg-boss needs a real PostgreSQL: this block runs in CI's PostgreSQL step (tests/postgres-suites.txt).
describe.runIf(!!process.env.TEST_DATABASE_URL)("pg-boss on PostgreSQL: several instances, each pass once", () => {
  it("two app instances share one queue; a queued pass runs in exactly one of them", async () => {
    const { Client } = await import("pg");
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const name = `sash_boss_${randomBytes(5).toString("hex")}`;
    await admin.query(`create database ${name}`);
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${name}`;
    const passes: string[] = [];
    const a = await startReverifyScheduler({
      db: t.db,
      kind: "postgres",
      databaseUrl: u.toString(),
      onChanged: () => passes.push("a"),
      env: {},
    });
    const b = await startReverifyScheduler({
      db: t.db,
      kind: "postgres",
      databaseUrl: u.toString(),
      onChanged: () => passes.push("b"),
      env: {},
    });
    try {
      expect(a.kind).toBe("pg-boss");
      const id = await importSigned();
      await age(id, 48);
      const before = new Date();
      await a.runOnce();
      await until(() => passes.length > 0);
      await new Promise((r) => setTimeout(r, 3000)); // room for a second (wrong) pass to show up
      expect(passes).toHaveLength(1);
      expect((await row(id)).verifiedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000); // re-checked by this pass
    } finally {
      await a.stop();
      await b.stop();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});
