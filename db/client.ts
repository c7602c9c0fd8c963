// Opens the database it is given (STACK-NOTES trap 7) and reads no environment:
// server/config.ts databaseOf picks the configured one.
//   databaseUrl         → node-postgres pool against a real PostgreSQL (DATABASE_URL)
//   vercelMigrationsUrl → @vercel/postgres (POSTGRES_URL on Vercel)
//   dataDir             → embedded PGlite persisted in that folder (SASH_DATA_DIR), or "memory://"
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { AppError } from "@/lib/errors";
import * as schema from "./schema";
import { lockDataDir } from "./lock";
import { runMigrations } from "./migrate";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DriverKind = "pglite" | "postgres" | "vercel";

export interface DbHandle {
  db: Db;
  kind: DriverKind;
  /** Counts statements issued through this handle (bench:share proves cache hits with it). */
  queryCount: () => number;
  close: () => Promise<void>;
}

/** Not exposed: server/errors.ts answers it with DATABASE_UNAVAILABLE_MESSAGE (503); the message is for the log. */
export class DatabaseUnavailableError extends AppError {
  declare readonly code: "DATABASE_UNAVAILABLE";
  constructor(message: string, options?: { cause?: unknown }) {
    super("DATABASE_UNAVAILABLE", message, { cause: options?.cause, status: 503 });
    this.name = "DatabaseUnavailableError";
  }
}

// On globalThis: Next.js may load this module once per bundle, and the pool belongs to whichever opened it.
const connectionErrorListeners = ((
  globalThis as unknown as { __sashDbErrorListeners?: Set<(e: Error) => void> }
).__sashDbErrorListeners ??= new Set());

/** Called when a pooled PostgreSQL connection fails (e.g. the server shut down); the services layer watches it. */
export function onDatabaseConnectionError(listener: (e: Error) => void): () => void {
  connectionErrorListeners.add(listener);
  return () => connectionErrorListeners.delete(listener);
}

let counter = 0;
const logger = { logQuery: () => void counter++ };

export interface OpenOptions {
  /** PGlite folder, or "memory://" for an in-memory database (tests). */
  dataDir?: string;
  databaseUrl?: string;
  /** Vercel Postgres (@vercel/postgres connects by POSTGRES_URL itself); migrations run over this URL. */
  vercelMigrationsUrl?: string;
  /** Connections in the node-postgres pool (SASH_DB_POOL_MAX; default 10). */
  poolMax?: number;
  /** The migrations folder (SASH_MIGRATIONS_DIR); default: found beside db/. */
  migrationsDir?: string;
  migrate?: boolean;
}

export async function openDb(opts: OpenOptions = {}): Promise<DbHandle> {
  const kind: DriverKind | null = opts.databaseUrl
    ? "postgres"
    : opts.dataDir
      ? "pglite"
      : opts.vercelMigrationsUrl
        ? "vercel"
        : null;
  if (!kind) throw new Error("openDb: no database given (server/config.ts databaseOf names the configured one)");
  let handle: DbHandle;
  if (kind === "postgres") {
    const url = opts.databaseUrl!;
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const pool = new Pool({
      connectionString: url,
      max: opts.poolMax ?? 10,
      // node-postgres uses this both for a new connection and for waiting in the pool's queue. A refused connection
      // fails at once either way; 30 s lets a burst of saves (test:load: 169 at once with the worker pool on) wait
      // their turn for one of the `max` connections instead of failing with DATABASE_UNAVAILABLE after 5 s.
      connectionTimeoutMillis: 30_000,
    });
    pool.on("error", (e) => {
      console.error(`sash: database connection error: ${e.message}`);
      for (const listener of connectionErrorListeners) listener(e);
    });
    try {
      const c = await pool.connect();
      c.release();
    } catch (e) {
      await pool.end().catch(() => {});
      throw new DatabaseUnavailableError(`cannot reach PostgreSQL at ${redactUrl(url)}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    const db = drizzle(pool, { schema, logger }) as unknown as Db;
    handle = { db, kind, queryCount: () => counter, close: () => pool.end() };
    if (opts.migrate !== false) await runMigrations({ kind: "postgres", url, migrationsDir: opts.migrationsDir });
  } else if (kind === "vercel") {
    const { sql } = await import("@vercel/postgres");
    const { drizzle } = await import("drizzle-orm/vercel-postgres");
    const db = drizzle(sql, { schema, logger }) as unknown as Db;
    handle = { db, kind, queryCount: () => counter, close: async () => {} };
    if (opts.migrate !== false) {
      await runMigrations({ kind: "postgres", url: opts.vercelMigrationsUrl!, migrationsDir: opts.migrationsDir });
    }
  } else {
    const dir = opts.dataDir!;
    const memory = dir.startsWith("memory://");
    const release = memory ? () => {} : lockDataDir(dir);
    try {
      const { PGlite } = await import("@electric-sql/pglite");
      const { drizzle } = await import("drizzle-orm/pglite");
      const client = memory ? new PGlite() : new PGlite(path.join(dir, "pgdata"));
      await client.waitReady;
      const db = drizzle(client, { schema, logger }) as unknown as Db;
      handle = {
        db,
        kind,
        queryCount: () => counter,
        close: async () => {
          await client.close();
          release();
        },
      };
      if (opts.migrate !== false) await runMigrations({ kind: "pglite", db, migrationsDir: opts.migrationsDir });
    } catch (e) {
      release();
      throw e;
    }
  }
  return handle;
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}
