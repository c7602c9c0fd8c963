// How this process hears that a share link changed (issue #12 §1).
//
//   PostgreSQL (DATABASE_URL): a database trigger raises NOTIFY sash_share with
//     the slug from the transaction that changes it (db/migrations/0004); one
//     dedicated connection per process LISTENs (db/listen.ts) and drops that
//     link's cached entries. Until LISTEN is in place, and whenever the
//     connection is lost, the cache is off (every request reads the database);
//     after each (re)connect it starts empty, since messages may have been missed.
//   PGlite: one process per data folder, so the direct call in revalidateShare()
//     covers the app's own changes; the same trigger's NOTIFY is also heard in
//     process (PGlite's listen), so a change made by any code path drops the entry.
//   Vercel: the per-process cache is not used; Next's tag revalidation is global.
import type { Db, DriverKind } from "@/db/client";
import { config, driverKindOf } from "@/server/config";
import { getDbHandle } from "@/server/db";
import { listenPostgres, type Listener } from "@/db/listen";
import {
  memoFlush,
  memoInvalidate,
  memoSetEnabled,
  memoSuspend,
  slugIndexBegin,
  slugIndexLoaded,
} from "@/lib/share/memo";
import { listSharedSlugs } from "@/db/queries/share";

export const SHARE_CHANNEL = "sash_share";

const g = globalThis as unknown as {
  __sashShareListener?: { url: string; listener: Listener };
  __sashSharePgliteListen?: boolean;
};

export function shareCacheKind(): DriverKind {
  return driverKindOf(config());
}

/**
 * Starts listening on PostgreSQL (once per process) and tells whether the
 * in-process share cache may be used right now.
 */
export function shareCacheReady(): boolean {
  const kind = driverKindOf(config());
  if (kind === "pglite") {
    if (!g.__sashSharePgliteListen) {
      g.__sashSharePgliteListen = true;
      void getDbHandle().then(
        async (h) => {
          // The index is only safe while every change is heard: without PGlite's listen, no index.
          if (pgliteCanListen(h.db)) {
            await listenPglite(h.db);
            await loadSlugIndex();
          }
        },
        () => {
          g.__sashSharePgliteListen = false; // database not open yet: try again on the next request
        },
      );
    }
    return true;
  }
  if (kind === "vercel") return false;
  return startShareListener(config().DATABASE_URL!).ready();
}

/** The process's listener on `url` (started on first call). Exported for tests. */
export function startShareListener(url: string): Listener {
  const cur = g.__sashShareListener;
  if (cur && cur.url === url) return cur.listener;
  memoSetEnabled(false);
  const listener = listenPostgres(url, SHARE_CHANNEL, {
    onNotify: (slug) => memoInvalidate(slug),
    onReady: () => {
      memoFlush();
      memoSetEnabled(true);
      void loadSlugIndex();
    },
    onLost: (reason) => {
      // Not served from any more, but kept for an outage of the database itself (cache.ts).
      memoSuspend();
      console.error(`sash: share cache off until the database connection is back (${reason})`);
    },
  });
  g.__sashShareListener = { url, listener };
  return listener;
}

/** Tests: stop listening (the cache goes back to the PGlite behaviour: on). */
export async function stopShareListener(): Promise<void> {
  const cur = g.__sashShareListener;
  g.__sashShareListener = undefined;
  if (cur) await cur.listener.close();
  memoSetEnabled(true);
}

function pgliteCanListen(db: Db): boolean {
  return typeof (db as unknown as { $client?: { listen?: unknown } }).$client?.listen === "function";
}

/** PGlite: hear the trigger's NOTIFY in process (drizzle's PGlite database exposes the client as $client). */
export async function listenPglite(db: Db): Promise<() => Promise<void>> {
  const client = (
    db as unknown as { $client?: { listen?: (c: string, cb: (p: string) => void) => Promise<() => Promise<void>> } }
  ).$client;
  if (!client?.listen) return async () => {};
  return client.listen(SHARE_CHANNEL, (slug) => memoInvalidate(slug));
}

/**
 * Loads the index of shared slugs (lib/share/memo.ts), after listening has begun so
 * that no change falls between the read and the notifications. On failure the
 * index stays unloaded and the database answers every slug, as before.
 */
export async function loadSlugIndex(db?: Db): Promise<boolean> {
  const generation = slugIndexBegin();
  try {
    return slugIndexLoaded(generation, await listSharedSlugs(db ?? (await getDbHandle()).db));
  } catch (e) {
    console.error(`sash: share link index not loaded (${(e as Error).message})`);
    return false;
  }
}
