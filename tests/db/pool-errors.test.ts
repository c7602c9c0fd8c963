// A PostgreSQL that drops our connections must never crash the process: the
// pool's idle connections emit 'error' when the server terminates them, and an
// unhandled 'error' event would kill next-server. Runs on a throwaway cluster of
// its own (scripts/pg-test-cluster.sh), so it always exercises a real server that
// it may stop; TEST_DATABASE_URL only says that this run has PostgreSQL.
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { onDatabaseConnectionError, openDb, type DbHandle } from "@/db/client";
import { isDatabaseDown } from "@/server/errors";
import { until } from "../support/wait";

const script = path.resolve(import.meta.dirname, "../../scripts/pg-test-cluster.sh");
let url = "";
let dir = "";
let h: DbHandle | undefined;

async function terminateOthers() {
  const { Client } = await import("pg");
  const admin = new Client({ connectionString: url });
  admin.on("error", () => {});
  await admin.connect();
  const r = await admin.query(
    // Client connections only (the pool's): a background worker terminated here would never be reported to the pool.
    "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where pid <> pg_backend_pid() and datname = current_database() and backend_type = 'client backend'",
  );
  await admin.end();
  return r.rows[0].n as number;
}

// In the PostgreSQL step only (tests/postgres-suites.txt): `npm test` needs no database server.
describe.runIf(!!process.env.TEST_DATABASE_URL)("pg pool errors", () => {
  beforeAll(async () => {
    const r = spawnSync("bash", [script], { encoding: "utf8" });
    if (r.status !== 0)
      throw new Error(`this test needs PostgreSQL binaries (scripts/pg-test-cluster.sh failed): ${r.stderr}`);
    [url, dir] = r.stdout.trim().split(/\s+/);
    h = await openDb({ databaseUrl: url });
  });

  afterAll(async () => {
    await h?.close().catch(() => {});
    if (dir) spawnSync("bash", [script, "stop", dir]);
  });

  it("logs a terminated idle connection and keeps serving", async () => {
    const lines: string[] = [];
    const spy = vi
      .spyOn(console, "error")
      .mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(" ")));
    try {
      const seen: Error[] = [];
      const stop = onDatabaseConnectionError((e) => seen.push(e));
      onTestFinished(stop);
      await Promise.all([1, 2, 3].map(() => h!.db.execute(sql`select pg_sleep(0.05)`))); // several idle pooled connections
      const terminated = await terminateOthers();
      expect(terminated).toBeGreaterThan(0);
      // Wait until every terminated connection has been reported (no deadline: vitest's timeout guards a hang),
      // so the query below can't be handed an idle connection whose termination hasn't arrived yet.
      await until(() => seen.length >= terminated);
      expect(lines.some((l) => l.includes("sash: database connection error"))).toBe(true);
      expect(seen.length).toBeGreaterThan(0); // the services layer hears of it (server/db-health.ts checks at once)
      const res = await h!.db.execute(sql`select 42 as answer`);
      expect((res as unknown as { rows: Array<{ answer: number }> }).rows[0].answer).toBe(42);
    } finally {
      spy.mockRestore();
    }
  });

  it("a stopped server fails queries with a database-down error, not a crash", async () => {
    const lines: string[] = [];
    const spy = vi
      .spyOn(console, "error")
      .mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(" ")));
    try {
      spawnSync("bash", [script, "stop", dir]);
      dir = "";
      const err = await h!.db.execute(sql`select 1`).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).not.toBeNull();
      expect(isDatabaseDown(err)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});
