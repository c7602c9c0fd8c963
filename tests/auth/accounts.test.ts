import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import {
  checkSignIn,
  createAccount,
  EmailTakenError,
  OidcLinkRefusedError,
  signUpSchema,
  upsertOidcUser,
} from "@/server/auth/accounts";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { userEmails, users } from "@/db/schema";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.truncate();
  delete process.env.SASH_RATE_LIMIT_EMAIL;
  delete process.env.SASH_RATE_LIMIT_IP;
});

const valid = { name: "Ada Lovelace", email: "ada@example.org", password: "analytical engine" };

describe("password hashing", () => {
  it("stores a salted scrypt hash and verifies only the right password", async () => {
    const h1 = await hashPassword("s3cret password");
    const h2 = await hashPassword("s3cret password");
    expect(h1).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(h1).not.toBe(h2);
    expect(h1).not.toContain("s3cret");
    expect(await verifyPassword("s3cret password", h1)).toBe(true);
    expect(await verifyPassword("s3cret passwore", h1)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
    expect(await verifyPassword("x", null)).toBe(false);
  });
});

describe("sign-up validation", () => {
  it("rejects malformed email, short password and over-long fields with field messages", () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ ...valid, email: "not-an-email" }, "email"],
      [{ ...valid, password: "short" }, "password"],
      [{ ...valid, name: "x".repeat(101) }, "name"],
      [{ ...valid, name: "   " }, "name"],
      [{ ...valid, email: `${"a".repeat(250)}@example.org` }, "email"],
      [{ ...valid, password: "p".repeat(201) }, "password"],
    ];
    for (const [input, field] of cases) {
      const r = signUpSchema.safeParse(input);
      expect(r.success, JSON.stringify(input).slice(0, 60)).toBe(false);
      expect(r.error!.issues[0].path[0]).toBe(field);
    }
    expect(signUpSchema.parse({ ...valid, email: "  ada@example.org " }).email).toBe("ada@example.org");
  });

  it("takes a name only as one line without control characters (issue #25 §2)", () => {
    for (const name of [
      "Registrar,\n\nURGENT: diploma revoked. Log in at https://evil.example/x",
      "Ada\r\nBcc: all@example.org",
      "Ada\u2028Lovelace",
      "Ada\u0000",
      "Ada\u202eecalevoL",
      "Ada\tLovelace",
    ]) {
      const r = signUpSchema.safeParse({ ...valid, name });
      expect(r.success, JSON.stringify(name)).toBe(false);
      expect(r.error!.issues[0].path[0]).toBe("name");
    }
    expect(signUpSchema.parse({ ...valid, name: "  Ada Lovelace\n" }).name).toBe("Ada Lovelace");
    expect(signUpSchema.parse({ ...valid, name: "Ada Lovelace-Byron, Countess" }).name).toBe(
      "Ada Lovelace-Byron, Countess",
    );
  });
});

describe(`accounts on ${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"}`, () => {
  it("creates an account and refuses the same email in another case", async () => {
    const u = await createAccount(t.db, valid);
    expect(u.email).toBe("ada@example.org");
    await expect(createAccount(t.db, { ...valid, email: "ADA@Example.org" })).rejects.toBeInstanceOf(EmailTakenError);
    const rows = await t.db.select().from(users);
    expect(rows).toHaveLength(1);
  });

  it("two simultaneous sign-ups with one email create one account", async () => {
    const results = await Promise.allSettled([
      createAccount(t.db, valid),
      createAccount(t.db, { ...valid, email: "Ada@example.org" }),
      createAccount(t.db, { ...valid, email: "ada@EXAMPLE.org" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      results
        .filter((r) => r.status === "rejected")
        .every((r) => (r as PromiseRejectedResult).reason instanceof EmailTakenError),
    ).toBe(true);
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(n).toBe(1);
  });

  it("signs in case-insensitively and refuses a wrong password or unknown email", async () => {
    await createAccount(t.db, valid);
    const ok = await checkSignIn(t.db, "ADA@example.org", valid.password, "1.2.3.4");
    expect(ok.ok && ok.user.email).toBe("ada@example.org");
    expect(await checkSignIn(t.db, valid.email, "wrong password", "1.2.3.4")).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
    expect(await checkSignIn(t.db, "nobody@example.org", valid.password, "1.2.3.4")).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
  });

  it("12 wrong passwords from one client address don't stop the owner signing in from another (issue #25 §3)", async () => {
    await createAccount(t.db, valid);
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    const outcomes = [];
    for (let i = 0; i < 12; i++)
      outcomes.push(await checkSignIn(t.db, valid.email, `wrong ${i}`, "10.0.0.1", { wait }));
    expect(outcomes.filter((o) => !o.ok && o.reason === "INVALID_CREDENTIALS")).toHaveLength(10);
    expect(outcomes.slice(10)).toEqual([
      { ok: false, reason: "RATE_LIMITED" },
      { ok: false, reason: "RATE_LIMITED" },
    ]);
    // That client is held back, even with the right password...
    expect(await checkSignIn(t.db, valid.email, valid.password, "10.0.0.1", { wait })).toEqual({
      ok: false,
      reason: "RATE_LIMITED",
    });
    // ...the owner's own client is not: a short wait, then in.
    waits.length = 0;
    const owner = await checkSignIn(t.db, valid.email, valid.password, "10.0.0.9", { wait });
    expect(owner.ok).toBe(true);
    expect(waits).toEqual([250]);
    // Other addresses are unaffected.
    await createAccount(t.db, { ...valid, email: "grace@example.org" });
    waits.length = 0;
    expect((await checkSignIn(t.db, "grace@example.org", valid.password, "10.0.0.9", { wait })).ok).toBe(true);
    expect(waits).toEqual([]);
  });

  it("an address attacked from many clients gets a growing wait of a few seconds at most, never a lock", async () => {
    process.env.SASH_RATE_LIMIT_EMAIL = "3";
    await createAccount(t.db, valid);
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    for (let i = 0; i < 12; i++) {
      expect(await checkSignIn(t.db, valid.email, "guess", `198.51.100.${i}`, { wait })).toEqual({
        ok: false,
        reason: "INVALID_CREDENTIALS",
      });
    }
    expect(waits).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000]);
    waits.length = 0;
    expect((await checkSignIn(t.db, valid.email, valid.password, "203.0.113.7", { wait })).ok).toBe(true);
    expect(waits).toEqual([4000]);
  });

  it("rate-limits sign-in attempts per IP across emails", async () => {
    process.env.SASH_RATE_LIMIT_IP = "2";
    await createAccount(t.db, valid);
    await checkSignIn(t.db, "a@example.org", "x", "9.9.9.9");
    await checkSignIn(t.db, "b@example.org", "x", "9.9.9.9");
    expect(await checkSignIn(t.db, valid.email, valid.password, "9.9.9.9")).toEqual({
      ok: false,
      reason: "RATE_LIMITED",
    });
    expect((await checkSignIn(t.db, valid.email, valid.password, "8.8.8.8")).ok).toBe(true);
  });

  it("links a single-sign-on login to an existing account only for its signed-in learner (issue #25 §1), then by subject", async () => {
    const u = await createAccount(t.db, valid);
    // No takeover by email, even when the provider vouches for it and Sash has verified the address.
    await expect(
      upsertOidcUser(t.db, "https://idp.example|123", "ADA@example.org", "Ada", true),
    ).rejects.toBeInstanceOf(OidcLinkRefusedError);
    await t.db.insert(userEmails).values({ userId: u.id, email: u.email, verifiedAt: new Date() });
    await expect(
      upsertOidcUser(t.db, "https://idp.example|123", "ADA@example.org", "Ada", true),
    ).rejects.toBeInstanceOf(OidcLinkRefusedError);
    const a = await upsertOidcUser(t.db, "https://idp.example|123", "ADA@example.org", "Ada", true, u.id);
    expect(a.id).toBe(u.id);
    const b = await upsertOidcUser(t.db, "https://idp.example|123", "changed@example.org", "Ada");
    expect(b.id).toBe(u.id);
    const c = await upsertOidcUser(t.db, "https://idp.example|456", "new@example.org", "New Person");
    expect(c.id).not.toBe(u.id);
  });
});
