import { getDbHandle } from "@/server/db";
import { freshFitIndex } from "@/server/jobs/fit-index";
import { defaultFitSnapshotStore, setFitSnapshotStore } from "@/server/jobs/fit-snapshot";
import { revalidateShare } from "@/server/share/revalidate";
import { reverifyIntervalHours } from "@/server/reverify/reverify";
import { startReverifyScheduler } from "@/server/reverify/scheduler";
import { startRegistrySchedule } from "@/server/trust/refresh";
import { startUploadSweeper } from "@/server/wallet/sweep";
import { config, ConfigError, dataDirOf } from "@/server/config";
import { startBackupSocket } from "@/server/admin/backup";

/** Drops the cached share pages of `slugs` after a background pass changed their credentials' status. */
function revalidateShares(slugs: string[]): void {
  for (const slug of slugs) {
    try {
      revalidateShare(slug);
    } catch {
      // Outside a request Next may refuse; the page cache re-checks daily anyway.
    }
  }
}

/** Issue #11 §4: the re-verification schedule, in the server only (SASH_REVERIFY=0 turns it off). */
async function startReverification(): Promise<void> {
  if (!config().SASH_REVERIFY) return;
  try {
    const h = await getDbHandle();
    const s = await startReverifyScheduler({
      db: h.db,
      kind: h.kind,
      databaseUrl: h.kind === "postgres" ? config().DATABASE_URL : undefined,
      onChanged: revalidateShares,
    });
    console.log(`sash: re-verification every ${reverifyIntervalHours()} h (${s.kind})`);
  } catch (e) {
    console.error(`sash: re-verification schedule not started: ${(e as Error).message}`);
  }
}

/** Issue #20 item 2: known-issuer registries loaded now and refreshed every SASH_REGISTRY_REFRESH_HOURS. */
async function startIssuerRegistries(): Promise<void> {
  try {
    const h = await getDbHandle();
    const s = await startRegistrySchedule({
      db: h.db,
      kind: h.kind,
      databaseUrl: h.kind === "postgres" ? config().DATABASE_URL : undefined,
      onChanged: revalidateShares,
    });
    console.log(`sash: issuer registries refreshed every ${config().SASH_REGISTRY_REFRESH_HOURS} h (${s.kind})`);
  } catch (e) {
    console.error(`sash: issuer registry schedule not started: ${(e as Error).message}`);
  }
}

export async function openDatabaseAtStartup(): Promise<void> {
  // Every environment variable is parsed now: a bad value is one log line naming it and exit code 1.
  try {
    config();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`sash: ${e.message}`);
    process.exit(1);
  }
  if (config().NEXT_PHASE === "phase-production-build") return;
  try {
    const h = await getDbHandle();
    console.log(`sash: database ready (${h.kind})`);
    startUploadSweeper(h.db);
    // Issue #21 §5: `sash backup` asks this process for a consistent copy of the embedded database.
    if (h.kind === "pglite") startBackupSocket(h, dataDirOf(config()));
    // Issue #14 §5: load the fit index in the background so the first /jobs search
    // after a restart doesn't pay the whole load (SASH_FIT_INDEX_WARM=0: load on first search).
    // Issue #23 §2: the index starts from its snapshot (the data folder's file, or the database's rows on
    // PostgreSQL) and applies the changes since; a full load writes a new one in the background.
    if (config().SASH_FIT_SNAPSHOT && !config().SASH_DATA_DIR.startsWith("memory://"))
      setFitSnapshotStore(h.db, defaultFitSnapshotStore(h.db, h.kind, dataDirOf(config())));
    if (config().SASH_FIT_INDEX_WARM) {
      void freshFitIndex(h.db).catch((e: unknown) => {
        console.error(`sash: fit index not loaded at start (the first search loads it): ${(e as Error).message}`);
      });
    }
  } catch (e) {
    console.error(`sash: cannot open the database: ${(e as Error).message}`);
    process.exit(1);
  }
  await startIssuerRegistries();
  await startReverification();
}
