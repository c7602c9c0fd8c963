// Integration tests run on an in-process PGlite; when TEST_DATABASE_URL is set,
// the same tests run on that real PostgreSQL, each test file in its own
// throwaway database.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDb, type DbHandle } from "@/db/client";
import { users } from "@/db/schema";
import type { WalletContext } from "@/server/wallet/types";

export interface TestDb extends DbHandle {
  /** Empties every table (fast; use in beforeEach). */
  truncate: () => Promise<void>;
  label: string;
  /** The throwaway database's URL (PostgreSQL only). */
  url?: string;
}

export async function createTestDb(): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const h = await openDb({ dataDir: "memory://" });
    return { ...h, truncate: () => truncateAll(h), label: "pglite" };
  }
  const { Client } = await import("pg");
  const name = `sash_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const h = await openDb({ databaseUrl: u.toString() });
  return {
    ...h,
    label: "postgres",
    url: u.toString(),
    truncate: () => truncateAll(h),
    close: async () => {
      await h.close();
      const a = new Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

async function truncateAll(h: DbHandle) {
  const res = await h.db.execute(
    sql`select tablename from pg_tables where schemaname = current_schema() and left(tablename, 2) <> '__'`,
  );
  const rows = (res as unknown as { rows: Array<{ tablename: string }> }).rows;
  if (!rows.length) return;
  const list = rows.map((r) => `"${r.tablename}"`).join(", ");
  await h.db.execute(sql.raw(`truncate ${list} restart identity cascade`));
}

/** Inserts a learner (no address rows) and returns their wallet context on `t`. */
export async function insertLearner(
  t: TestDb,
  name: string,
  email: string,
  passwordHash = "x",
): Promise<WalletContext> {
  const [u] = await t.db.insert(users).values({ name, email, passwordHash }).returning();
  return { db: t.db, user: { id: u!.id, email: u!.email } };
}
