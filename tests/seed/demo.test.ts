// Demo data (a learner with a published password) only on the embedded default
// database or with SASH_DEMO=1; never by default on DATABASE_URL or Vercel.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import { DEMO_EMAIL, DEMO_PASSWORD, demoEnabled, seed, seedIfEmpty } from "@/server/seed/seed";
import { checkSignIn } from "@/server/auth/accounts";
import { users } from "@/db/schema";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
});

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
const demoRows = () =>
  t.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${DEMO_EMAIL}`);

describe("demoEnabled", () => {
  it("is on for the embedded default only, unless SASH_DEMO says otherwise", () => {
    expect(demoEnabled(env({}))).toBe(true);
    expect(demoEnabled(env({ SASH_DATA_DIR: "/srv/sash" }))).toBe(true);
    expect(demoEnabled(env({ DATABASE_URL: "postgres://db/sash" }))).toBe(false);
    expect(demoEnabled(env({ VERCEL: "1", POSTGRES_URL: "postgres://neon/sash" }))).toBe(false);
    expect(demoEnabled(env({ VERCEL: "1" }))).toBe(false);
    expect(demoEnabled(env({ DATABASE_URL: "postgres://db/sash", SASH_DEMO: "1" }))).toBe(true);
    expect(demoEnabled(env({ VERCEL: "1", POSTGRES_URL: "postgres://neon/sash", SASH_DEMO: "1" }))).toBe(true);
    expect(demoEnabled(env({ SASH_DEMO: "0" }))).toBe(false);
  });
});

describe(`seeding on ${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"}`, () => {
  it("loads reference data but no demo learner when demo data is off", async () => {
    const summary = await seed(t.db, { demo: false });
    expect(summary.demoUser).toBe("off");
    expect(summary.skills).toBeGreaterThan(0);
    expect(await demoRows()).toHaveLength(0);
    expect(await checkSignIn(t.db, DEMO_EMAIL, DEMO_PASSWORD, "203.0.113.1")).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
  });

  it("follows the environment: DATABASE_URL alone means no demo learner, SASH_DEMO=1 adds it", async () => {
    const saved = { ...process.env };
    try {
      process.env.DATABASE_URL = "postgres://db.example/sash";
      delete process.env.SASH_DEMO;
      expect((await seed(t.db)).demoUser).toBe("off");
      expect(await demoRows()).toHaveLength(0);
      process.env.SASH_DEMO = "1";
      expect(await seedIfEmpty(t.db)).toBeNull(); // reference data already current…
      expect(await demoRows()).toHaveLength(1); // …but the demo learner is added
      const r = await checkSignIn(t.db, DEMO_EMAIL, DEMO_PASSWORD, "203.0.113.2");
      expect(r.ok).toBe(true);
    } finally {
      process.env = saved;
    }
  });

  it("removes the published password from a demo learner left by an older version when demo data is off", async () => {
    await seed(t.db, { demo: true });
    expect(await seedIfEmpty(t.db, { demo: false })).toBeNull();
    const [demo] = await demoRows();
    expect(demo.passwordHash).toBeNull();
    expect(await checkSignIn(t.db, DEMO_EMAIL, DEMO_PASSWORD, "203.0.113.3")).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
  });
});
