// The one way Sash opens its database — the server (getDbHandle), `npm start`
// (scripts/start.ts) and the CLI (cli/db.ts) all call openDatabase — and the
// app's one handle per process (opened, migrated and seeded once), kept as a
// promise on globalThis so simultaneous cold requests share one migration.
// db/client.ts opens databases; seeding is a service, so it lives here.
import { openDb, type Db, type DbHandle } from "@/db/client";
import { config, databaseOf } from "@/server/config";
import type { SeedSummary } from "@/server/seed/seed";

export interface OpenDatabaseOptions {
  /** Load the reference data (and the demo learner where wanted) when this database hasn't got the current version. */
  seed?: boolean;
  /** Fill in achievement details for credentials saved by an older version (offline, idempotent). */
  backfill?: boolean;
}

export interface OpenedDatabase {
  handle: DbHandle;
  /** What seeding loaded; null when nothing was loaded (not asked, or already current). */
  seeded: SeedSummary | null;
}

/** Opens the database the environment names (migrated), then seeds and back-fills as asked. */
export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const handle = await openDb(databaseOf(config()));
  try {
    let seeded: SeedSummary | null = null;
    if (opts.seed) {
      const { seedIfEmpty } = await import("@/server/seed/seed");
      seeded = await seedIfEmpty(handle.db);
    }
    if (opts.backfill) {
      // Issue #13: credentials stored before Sash kept achievement details get them (offline, idempotent).
      const { backfillAchievementDetails } = await import("@/server/wallet/achievements");
      await backfillAchievementDetails(handle.db);
    }
    return { handle, seeded };
  } catch (e) {
    await handle.close().catch(() => {});
    throw e;
  }
}

const g = globalThis as unknown as { __sashDb?: Promise<DbHandle> };

/** The process-wide database (opened, migrated and seeded once). */
export function getDbHandle(): Promise<DbHandle> {
  if (!g.__sashDb) {
    g.__sashDb = openDatabase({ seed: config().SASH_SEED, backfill: true }).then((o) => o.handle);
    g.__sashDb.catch(() => {
      g.__sashDb = undefined;
    });
  }
  return g.__sashDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
