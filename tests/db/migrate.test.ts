import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { openDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";

describe("migrations", () => {
  it("are idempotent on the embedded database", async () => {
    const h = await openDb({ dataDir: "memory://" });
    await runMigrations({ kind: "pglite", db: h.db });
    await runMigrations({ kind: "pglite", db: h.db });
    const res = await h.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const n = (res as unknown as { rows: Array<{ n: number }> }).rows[0].n;
    expect(n).toBeGreaterThan(0);
    await h.close();
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "three processes' worth of concurrent migrations on one fresh PostgreSQL succeed once",
    async () => {
      const { Client } = await import("pg");
      const url = process.env.TEST_DATABASE_URL!;
      const name = `sash_mig_${randomBytes(5).toString("hex")}`;
      const admin = new Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      try {
        const u = new URL(url);
        u.pathname = `/${name}`;
        await Promise.all([0, 1, 2].map(() => runMigrations({ kind: "postgres", url: u.toString() })));
        const c = new Client({ connectionString: u.toString() });
        await c.connect();
        const r = await c.query("select count(*)::int as n from drizzle.__drizzle_migrations");
        const tables = await c.query("select count(*)::int as n from pg_tables where schemaname = 'public'");
        await c.end();
        expect(r.rows[0].n).toBeGreaterThan(0);
        expect(tables.rows[0].n).toBeGreaterThan(5);
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  );
});
