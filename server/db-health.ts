// Whether the database answers, shared by everything in this process (proxy.ts
// reads it to answer pages 503 at once instead of letting each render fail).
// A failure seen anywhere marks it down; a probe every 2 s marks it up again.
import { onDatabaseConnectionError } from "@/db/client";
import { pingDatabase } from "@/db/queries/health";
import { getDb } from "@/server/db";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/errors";

interface Health {
  downSince: number | null;
  probing: boolean;
}

const g = globalThis as unknown as { __sashDbHealth?: Health };
const health = (g.__sashDbHealth ??= { downSince: null, probing: false });

export function databaseDown(): boolean {
  return health.downSince !== null;
}

/** One cheap round trip, bounded in time. */
export async function probeDatabase(timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const ping = (async () => {
      await pingDatabase(await getDb());
      return true;
    })();
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    return await Promise.race([ping.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function markDatabaseDown(): void {
  if (health.downSince === null) {
    health.downSince = Date.now();
    console.error("sash: the database can't be reached; pages answer 503 until it is back");
  }
  if (health.probing) return;
  health.probing = true;
  const tick = async () => {
    if (await probeDatabase()) {
      health.downSince = null;
      health.probing = false;
      console.error("sash: the database is back");
      return;
    }
    setTimeout(() => void tick(), 2000).unref();
  };
  setTimeout(() => void tick(), 2000).unref();
}

/** Checks at once (no waiting for a failed page) and marks the database down if it doesn't answer. */
export async function suspectDatabaseDown(): Promise<void> {
  if (health.downSince !== null) return;
  if (!(await probeDatabase())) markDatabaseDown();
}

const gw = globalThis as unknown as { __sashDbWatch?: boolean };

/** A dropped pooled connection (PostgreSQL shutting down, a failover) triggers an immediate check. */
export function watchDatabaseConnection(): void {
  if (gw.__sashDbWatch) return;
  gw.__sashDbWatch = true;
  onDatabaseConnectionError(() => void suspectDatabaseDown());
}

/**
 * `GET /api/health` on the app and on the share-link server: 200 `{ ok: true }`, or 503 with the coded message
 * (and this process's pages switched to the 503 answer), for load balancers and the error page.
 */
export async function healthResponse(): Promise<Response> {
  const ok = await probeDatabase();
  if (!ok) markDatabaseDown();
  return new Response(
    JSON.stringify(
      ok ? { ok: true } : { ok: false, code: "DATABASE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE },
    ),
    {
      status: ok ? 200 : 503,
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
    },
  );
}
