import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomBytes, scryptSync } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
import {
  checkSignIn,
  createAccount,
  EmailTakenError,
  OidcLinkRefusedError,
  signUpSchema,
  upsertOidcUser,
} from "@/server/auth/accounts";
import { hashPassword, needsRehash, verifyPassword } from "@/server/auth/password";
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

/** A hash in the form Sash stored before argon2id: `scrypt$N$r$p$salt$hash`. */
function legacyScryptHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 1 << 26 });
  return `scrypt$32768$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

describe("password hashing", () => {
  it("stores a salted argon2id hash at OWASP's costs and verifies only the right password", async () => {
    const h1 = await hashPassword("s3cret password");
    const h2 = await hashPassword("s3cret password");
    expect(h1).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(h1).not.toBe(h2);
    expect(h1).not.toContain("s3cret");
    expect(needsRehash(h1)).toBe(false);
    expect(await verifyPassword("s3cret password", h1)).toBe(true);
    expect(await verifyPassword("s3cret passwore", h1)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
    expect(await verifyPassword("x", null)).toBe(false);
  });

  it("still verifies a scrypt hash from before, and asks for it to be replaced", async () => {
    const old = legacyScryptHash("s3cret password");
    expect(await verifyPassword("s3cret password", old)).toBe(true);
    expect(await verifyPassword("s3cret passwore", old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
  });

  it("refuses stored hashes that would cost the server too much or are damaged, without computing them", async () => {
    const good = await hashPassword("pw");
    const salt = good.split("$")[4];
    const digest = good.split("$")[5];
    for (const bad of [
      `$argon2id$v=19$m=4194304,t=2,p=1$${salt}$${digest}`, // 4 GiB
      `$argon2id$v=19$m=19456,t=1000,p=1$${salt}$${digest}`,
      `$argon2id$v=19$m=19456,t=2,p=1$${salt}`,
      "$argon2id$v=19$m=x,t=2,p=1$$",
      `scrypt$${1 << 24}$8$1$AAAAAAAAAAAAAAAAAAAAAA$${"A".repeat(43)}`,
      "scrypt$32768$8$1$AAAA$AAAA",
    ])
      expect(await verifyPassword("pw", bad), bad.slice(0, 40)).toBe(false);
    // Other costs than today's verify and are replaced at the next sign-in.
    expect(needsRehash(`$argon2id$v=19$m=7168,t=5,p=1$${salt}$${digest}`)).toBe(true);
    expect(needsRehash(`$argon2i$v=19$m=19456,t=2,p=1$${salt}$${digest}`)).toBe(true);
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

  it("a sign-in with an account's scrypt hash from before replaces it with argon2id, sessions kept", async () => {
    await createAccount(t.db, valid);
    const old = legacyScryptHash(valid.password);
    await t.db.update(users).set({ passwordHash: old }).where(eq(users.email, valid.email));
    const [before] = await t.db.select().from(users).where(eq(users.email, valid.email));
    expect(await checkSignIn(t.db, valid.email, "wrong password", "1.2.3.4")).toMatchObject({ ok: false });
    expect((await t.db.select().from(users).where(eq(users.email, valid.email)))[0]!.passwordHash).toBe(old);
    expect((await checkSignIn(t.db, valid.email, valid.password, "1.2.3.4")).ok).toBe(true);
    const [after] = await t.db.select().from(users).where(eq(users.email, valid.email));
    expect(after!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(after!.sessionVersion).toBe(before!.sessionVersion);
    expect((await checkSignIn(t.db, valid.email, valid.password, "1.2.3.4")).ok).toBe(true);
    expect(await checkSignIn(t.db, valid.email, "wrong password", "1.2.3.4")).toMatchObject({ ok: false });
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
