// Applies db/migrations (drizzle-kit output). Idempotent; on PostgreSQL it holds
// an advisory lock so two app processes starting together don't race (drizzle's
// migrate() takes none — STACK-NOTES trap 6).
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import type { Db } from "./client";

const MIGRATION_LOCK_KEY = 7_061_726_001; // arbitrary, stable: "Sash migrations"

/** The migrations folder: `configured` (SASH_MIGRATIONS_DIR) when given, else found beside db/. */
export function migrationsFolder(configured?: string): string {
  const candidates = [
    configured,
    path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations"),
    typeof __dirname !== "undefined" ? path.join(__dirname, "migrations") : undefined,
  ];
  try {
    candidates.push(path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations"));
  } catch {
    /* not an ES module context */
  }
  for (const c of candidates) if (c && fs.existsSync(path.join(c, "meta", "_journal.json"))) return c;
  throw new Error("db/migrations not found (set SASH_MIGRATIONS_DIR)");
}

export async function runMigrations(
  target: ({ kind: "pglite"; db: Db } | { kind: "postgres"; url: string }) & { migrationsDir?: string },
): Promise<void> {
  const migrationsFolderPath = migrationsFolder(target.migrationsDir);
  if (target.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Db is the driver-neutral PgDatabase; here it is the PGlite one
    await migrate(target.db as any, { migrationsFolder: migrationsFolderPath });
    return;
  }
  const { Client } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const client = new Client({ connectionString: target.url, connectionTimeoutMillis: 5000 });
  // A connection dropped by the server emits 'error'; unhandled, that would kill the process.
  client.on("error", (e) => console.error(`sash: migration connection error: ${e.message}`));
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder: migrationsFolderPath });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
