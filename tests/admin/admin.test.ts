// The admin's powers (issue #21 §4) on a real database: who is an admin (a VERIFIED address listed in
// SASH_ADMIN_EMAILS), an import of a job postings file that /jobs' query then finds, disabling a learner
// (sign-in refused, sessions end, share link 404 — announced on sash_share — until enabled), the audit
// rows every action writes, trusted issuers as a registry source, and `sash admin` as a real process.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../support/db";
import { listenOn } from "../support/notify";
import { until } from "../support/wait";
import { seedSharedCredential } from "../support/share";
import { onlyJson, runSash } from "../support/cli";
import { openDb } from "@/db/client";
import { auditLog, userEmails, users } from "@/db/schema";
import { getSharedCredential } from "@/db/queries/share";
import { hashPassword } from "@/server/auth/password";
import { checkSignIn } from "@/server/auth/accounts";
import { checkSession } from "@/server/auth/session-state";
import { isAdmin } from "@/server/admin/admins";
import { recentAudit, type Actor } from "@/server/admin/audit";
import { runImport } from "@/server/admin/run-import";
import { adminCounts } from "@/server/admin/overview";
import { deleteLearner, searchLearners, setLearnerDisabled } from "@/server/admin/learners";
import {
  addRegistryFile,
  addSingleIssuer,
  adminRegistrySources,
  ADMIN_REGISTRY_NAME,
} from "@/server/admin/trusted-issuers";
import { searchJobs } from "@/server/jobs/search";

let t: TestDb;
const saved = process.env.SASH_ADMIN_EMAILS;
let admin: Actor;

beforeAll(async () => {
  t = await createTestDb();
  process.env.SASH_ADMIN_EMAILS = "Ops@School.example, dean@school.example";
});
afterAll(async () => {
  if (saved === undefined) delete process.env.SASH_ADMIN_EMAILS;
  else process.env.SASH_ADMIN_EMAILS = saved;
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  const [a] = await t.db.insert(users).values({ name: "Ops", email: "ops@school.example" }).returning();
  await t.db.insert(userEmails).values({ userId: a!.id, email: "ops@school.example", verifiedAt: new Date() });
  admin = { id: a!.id, label: "ops@school.example" };
});

describe(`admin (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("counts as admin only a verified address listed in SASH_ADMIN_EMAILS", async () => {
    expect(await isAdmin(t.db, admin.id!)).toBe(true);
    const [learner] = await t.db.insert(users).values({ name: "L", email: "l@example.org" }).returning();
    await t.db.insert(userEmails).values({ userId: learner!.id, email: "l@example.org", verifiedAt: new Date() });
    expect(await isAdmin(t.db, learner!.id)).toBe(false);
    // The dean's address is listed but not verified on this account: not an admin.
    const [dean] = await t.db.insert(users).values({ name: "D", email: "dean@school.example" }).returning();
    await t.db.insert(userEmails).values({ userId: dean!.id, email: "dean@school.example", verifiedAt: null });
    expect(await isAdmin(t.db, dean!.id)).toBe(false);
    await t.db.update(userEmails).set({ verifiedAt: new Date() }).where(eq(userEmails.userId, dean!.id));
    expect(await isAdmin(t.db, dean!.id)).toBe(true);
    // A disabled admin is no admin.
    await t.db.update(users).set({ disabled: true }).where(eq(users.id, dean!.id));
    expect(await isAdmin(t.db, dean!.id)).toBe(false);
  });

  it("imports a job postings file that the /jobs query then finds, and audits it", async () => {
    const csv =
      "identifier,title,employer,required_skills\n" +
      'adm-1,Radiology Scheduler,Mercy Clinic,"Scheduling; Customer service"\n' +
      ",No key,,\n";
    const r = await runImport(t.db, admin, { kind: "jobs", fileName: "postings.csv", content: csv });
    expect(r).toMatchObject({ ok: true, inserted: 1, updated: 0, skipped: 1 });
    const found = await searchJobs(t.db, { query: "Radiology Scheduler", pageSize: 10 });
    expect(found.results.map((x) => x.title)).toContain("Radiology Scheduler");
    const bad = await runImport(t.db, admin, { kind: "jobs", fileName: "x.json", content: "[{" });
    expect(bad).toMatchObject({ ok: false, error: { code: "INVALID_FILE" } });
    const audit = await recentAudit(t.db);
    expect(audit.map((a) => [a.actor, a.summary])).toEqual([
      ["ops@school.example", expect.stringMatching(/^Import of job postings from x\.json failed/)],
      ["ops@school.example", "Imported job postings from postings.csv: 1 inserted, 0 updated, 1 skipped"],
    ]);
    expect((await adminCounts(t.db)).importsLast7Days).toBe(2);
  });

  it("a disabled learner can't sign in, loses their sessions and share links until enabled", async () => {
    const share = await seedSharedCredential(t.db, {
      email: "kim@example.org",
      passwordHash: await hashPassword("kims-password-1"),
    });
    const signIn = () => checkSignIn(t.db, "kim@example.org", "kims-password-1", "198.51.100.7");
    expect(await signIn()).toMatchObject({ ok: true });
    const session = { uid: share.userId, sv: 0, authAt: Date.now() };
    expect(await checkSession(t.db, session)).not.toBeNull();
    expect(await getSharedCredential(t.db, share.slug)).not.toBeNull();
    const counted = await adminCounts(t.db);
    expect(counted).toMatchObject({ learners: 2, sharesOn: 1 });

    const heard = await listenOn(t, "sash_share");
    const [found] = await searchLearners(t.db, "KIM@");
    expect(found).toMatchObject({ id: share.userId, disabled: false, credentials: 1 });
    await setLearnerDisabled(t.db, admin, share.userId, true);
    await until(() => heard.seen.includes(share.slug));
    expect(await signIn()).toEqual({ ok: false, reason: "ACCOUNT_DISABLED" });
    expect(await signIn()).toEqual({ ok: false, reason: "ACCOUNT_DISABLED" }); // not a failure that counts
    expect(await checkSession(t.db, session)).toBeNull();
    expect(await getSharedCredential(t.db, share.slug)).toBeNull();
    expect((await adminCounts(t.db)).sharesOn).toBe(0);

    await setLearnerDisabled(t.db, admin, share.userId, false);
    expect(await signIn()).toMatchObject({ ok: true });
    expect(await getSharedCredential(t.db, share.slug)).not.toBeNull();
    await heard.stop();

    const rows = await t.db.select().from(auditLog).orderBy(auditLog.at);
    expect(rows.map((r) => [r.actorId, r.action, r.targetUserId])).toEqual([
      [admin.id, "learner.disable", share.userId],
      [admin.id, "learner.enable", share.userId],
    ]);
    // The page shows the learner's address beside each row while the learner exists.
    expect((await recentAudit(t.db)).map((a) => a.targetEmail)).toEqual(["kim@example.org", "kim@example.org"]);
    // An admin can't lock themselves out.
    await expect(setLearnerDisabled(t.db, admin, admin.id!, true)).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("deletes a learner through deleteAccount; the audit row keeps no trace of who it was", async () => {
    const savedDir = process.env.SASH_DATA_DIR;
    const outbox = fs.mkdtempSync(path.join(os.tmpdir(), "sash-admin-del-"));
    process.env.SASH_DATA_DIR = outbox; // the confirmation mail goes to this outbox
    try {
      const share = await seedSharedCredential(t.db, { email: "gone@example.org" });
      await setLearnerDisabled(t.db, admin, share.userId, true);
      expect(await deleteLearner(t.db, admin, "gone@example.org")).toEqual({ credentials: 1 });
      expect(await t.db.select().from(users).where(eq(users.id, share.userId))).toEqual([]);
      expect(await getSharedCredential(t.db, share.slug)).toBeNull();
      const rows = await t.db.select().from(auditLog).orderBy(auditLog.at);
      expect(rows.map((r) => [r.action, r.targetUserId])).toEqual([
        ["learner.disable", null],
        ["learner.delete", null],
      ]);
      expect(JSON.stringify(rows)).not.toContain("gone@example.org");
      expect(JSON.stringify(rows)).not.toContain(share.userId);
      await expect(deleteLearner(t.db, admin, admin.id!)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    } finally {
      if (savedDir === undefined) delete process.env.SASH_DATA_DIR;
      else process.env.SASH_DATA_DIR = savedDir;
      fs.rmSync(outbox, { recursive: true, force: true });
    }
  });

  it("hands trusted issuers to the registry loader as one more source", async () => {
    await addSingleIssuer(t.db, admin, "did:web:college.example", "Riverton College");
    await expect(addSingleIssuer(t.db, admin, "not an id", "X")).rejects.toMatchObject({
      code: "TRUSTED_ISSUER_INVALID",
    });
    await addRegistryFile(
      t.db,
      admin,
      "state.json",
      JSON.stringify({ meta: { name: "State registry" }, registry: { "did:key:z6Mkabc": { name: "State Board" } } }),
    );
    await expect(addRegistryFile(t.db, admin, "bad.json", '{"registry":[]}')).rejects.toMatchObject({
      code: "TRUSTED_ISSUER_INVALID",
    });
    const sources = await adminRegistrySources(t.db);
    expect(sources.map((s) => s.name)).toEqual(["State registry", ADMIN_REGISTRY_NAME]);
    expect(sources[1]!.document).toMatchObject({
      registry: { "did:web:college.example": { name: "Riverton College" } },
    });
    expect((await recentAudit(t.db)).length).toBe(2);
  });
});

describe("sash admin (a real process on its own data folder)", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sash-admin-cli-"));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("disables a learner by address and writes the audit row, one JSON object on stdout", async () => {
    const dataDir = path.join(dir, "data");
    const h = await openDb({ dataDir });
    const share = await seedSharedCredential(h.db, { email: "sam@example.org" });
    await h.close();
    const run = await runSash(["admin", "learners", "disable", "sam@example.org"], { dataDir });
    expect(run.code, run.stderr).toBe(0);
    expect(onlyJson(run.stdout)).toMatchObject({ ok: true, learner: { id: share.userId, disabled: true } });
    const again = await openDb({ dataDir });
    try {
      const [u] = await again.db.select().from(users).where(eq(users.id, share.userId));
      expect(u!.disabled).toBe(true);
      const [row] = await again.db.select().from(auditLog);
      expect(row).toMatchObject({ actorId: null, action: "learner.disable", targetUserId: share.userId });
      expect(row!.actor).toMatch(/^cli/);
      expect(await getSharedCredential(again.db, share.slug)).toBeNull();
    } finally {
      await again.close();
    }
    const usage = await runSash(["admin", "frobnicate"], { dataDir });
    expect(usage.code).toBe(2);
    expect(onlyJson(usage.stdout)).toMatchObject({ ok: false, error: { code: "USAGE" } });
  }, 300_000);
});
