// The app's one database handle per process (opened, migrated and seeded once),
// kept as a promise on globalThis so simultaneous cold requests share one
// migration. db/client.ts opens databases; seeding is a service, so it lives here.
import { openDb, type Db, type DbHandle } from "@/db/client";

const g = globalThis as unknown as { __sashDb?: Promise<DbHandle> };

/** The process-wide database (opened, migrated and seeded once). */
export function getDbHandle(): Promise<DbHandle> {
  if (!g.__sashDb) {
    g.__sashDb = (async () => {
      const h = await openDb();
      if (process.env.SASH_SEED !== "0") {
        const { seedIfEmpty } = await import("@/server/seed/index");
        await seedIfEmpty(h.db);
      }
      // Issue #13: credentials stored before Sash kept achievement details get them (offline, idempotent).
      const { backfillAchievementDetails } = await import("@/server/wallet/achievements");
      await backfillAchievementDetails(h.db);
      return h;
    })();
    g.__sashDb.catch(() => {
      g.__sashDb = undefined;
    });
  }
  return g.__sashDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
