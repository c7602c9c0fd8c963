import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "../support/db";
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

describe(`database (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("enforces case-insensitive unique emails", async () => {
    await t.db.insert(users).values({ name: "A", email: "Ada@Example.org", passwordHash: "x" });
    await expect(
      t.db.insert(users).values({ name: "B", email: "ada@example.ORG", passwordHash: "x" }),
    ).rejects.toThrow();
    const rows = await t.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = 'ada@example.org'`);
    expect(rows).toHaveLength(1);
  });
});
