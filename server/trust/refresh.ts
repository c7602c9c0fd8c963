// The known-issuer registry schedule (issue #20 item 2): loaded at start (last good database
// copies first, then every source fetched again), refreshed every SASH_REGISTRY_REFRESH_HOURS,
// and a change re-verifies the credentials of the issuers it concerns (server/reverify).
//   PostgreSQL: pg-boss owns the clock, as for re-verification (server/reverify/scheduler.ts):
//               one singleton queue, so one instance fetches and re-verifies per tick; every
//               instance re-reads the database copies on its own timer to pick the result up.
//   PGlite:     one process owns the data folder, so an in-process timer does it all.
// Started by the server at startup (server/startup.ts), never by `next build` or the CLI.
import type { Db, DriverKind } from "@/db/client";
import { listStoredRegistries } from "@/db/queries/issuer-registries";
import { appFetcher } from "@/server/net";
import { startSingletonQueue } from "@/server/pgboss";
import { config } from "@/server/config";
import { reverifyIssuers } from "@/server/reverify/reverify";
import { cronFor } from "@/server/reverify/scheduler";
import { isRegistryUrl } from "@/lib/badges/verify/registries";
import { loadStoredRegistries, refreshRegistries, registrySources, type RegistryLoad } from "./registries";

export const REGISTRY_QUEUE = "sash-registries";

export interface RegistryScheduleOptions {
  db: Db;
  kind: DriverKind;
  databaseUrl?: string;
  /** Called with the share links a re-verification changed (cache invalidation). */
  onChanged?: (slugs: string[]) => void;
}

export interface RegistryScheduleHandle {
  kind: "pg-boss" | "timer";
  /** Fetches every registry now and re-verifies what changed (tests; the pass after start). */
  runOnce: () => Promise<RefreshSummary | null>;
  stop: () => Promise<void>;
}

export interface RefreshSummary {
  load: RegistryLoad;
  reverified: number;
}

/** One refresh: fetch every source, keep good copies, re-verify the credentials of changed issuers. */
export async function refreshAndReverify(
  db: Db,
  opts: { onChanged?: (slugs: string[]) => void } = {},
): Promise<RefreshSummary> {
  const load = await refreshRegistries(db, { fetcher: appFetcher() });
  let reverified = 0;
  if (load.changedIssuers.length) {
    const s = await reverifyIssuers(db, load.changedIssuers, { fetcher: appFetcher() });
    reverified = s.checked;
    if (s.slugs.length) opts.onChanged?.(s.slugs);
  }
  const failed = load.sources.filter((s) => s.error && s.from !== "file" && s.from !== "network");
  for (const f of failed)
    console.error(
      `sash: issuer registry ${f.source} not refreshed (${f.error}); using ${f.from === "none" ? "nothing" : `the ${f.from} copy`}`,
    );
  if (load.changedIssuers.length)
    console.log(
      `sash: issuer registries changed for ${load.changedIssuers.length} issuer(s); re-verified ${reverified} credential(s)`,
    );
  return { load, reverified };
}

function tickMs(hours: number): number {
  return Math.max(60_000, Math.min(3_600_000, Math.round(hours * 3_600_000)));
}

/** Is a refresh due: some source never stored, or stored copies last read `hours` ago or more? */
async function due(db: Db, hours: number, now = Date.now()): Promise<boolean> {
  // URLs only: files are read on every load, and a missing file (the demo registry) is never stored.
  const sources = registrySources().filter(isRegistryUrl);
  const stored = await listStoredRegistries(db, sources);
  if (stored.length < sources.length) return true;
  return stored.some((r) => now - r.checkedAt.getTime() >= hours * 3_600_000 - 60_000);
}

export async function startRegistrySchedule(opts: RegistryScheduleOptions): Promise<RegistryScheduleHandle> {
  const hours = config().SASH_REGISTRY_REFRESH_HOURS;
  const logFailure = (e: unknown) =>
    console.error(`sash: issuer registry refresh failed: ${(e as Error)?.message ?? e}`);
  // What verification uses until the first fetch: the last good copies, files, snapshots.
  await loadStoredRegistries(opts.db).catch(logFailure);
  let running: Promise<RefreshSummary> | null = null;
  const pass = async (force: boolean): Promise<RefreshSummary | null> => {
    if (running) return null;
    if (!force && !(await due(opts.db, hours))) return null;
    running = refreshAndReverify(opts.db, { onChanged: opts.onChanged });
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  if (opts.kind === "postgres" && opts.databaseUrl) {
    const boss = await startSingletonQueue({
      databaseUrl: opts.databaseUrl,
      applicationName: "sash-registries",
      queue: REGISTRY_QUEUE,
      cron: cronFor(hours),
      onError: logFailure,
      work: async () => {
        await pass(false);
      },
    });
    // Every instance picks up what the one that ran the job stored.
    const reload = setInterval(() => void loadStoredRegistries(opts.db).catch(logFailure), tickMs(hours));
    reload.unref();
    await boss.send(REGISTRY_QUEUE, {}); // the first refresh, soon after start
    return {
      kind: "pg-boss",
      runOnce: () => pass(true),
      stop: async () => {
        clearInterval(reload);
        await boss.stop({ graceful: true, wait: true });
      },
    };
  }

  const timer = setInterval(() => void pass(false).catch(logFailure), tickMs(hours));
  timer.unref();
  const first = setTimeout(() => void pass(false).catch(logFailure), 1_000);
  first.unref();
  return {
    kind: "timer",
    runOnce: () => pass(true),
    stop: async () => {
      clearInterval(timer);
      clearTimeout(first);
    },
  };
}

/**
 * After an admin changed the deployment's trusted issuers (/admin, `sash admin issuers`): this
 * process reads the registries again at once — the stored copies and the admin's list, with no
 * network, or every source fetched again when `fetch` (a registry URL was added) — and re-verifies
 * the credentials of every issuer that now reads differently. Other instances pick the change up
 * at their next reload (every SASH_REGISTRY_REFRESH_HOURS at most).
 */
export async function reloadAfterTrustChange(db: Db, opts: { fetch?: boolean } = {}): Promise<RefreshSummary> {
  if (opts.fetch) return refreshAndReverify(db);
  const load = await loadStoredRegistries(db);
  let reverified = 0;
  if (load.changedIssuers.length)
    reverified = (await reverifyIssuers(db, load.changedIssuers, { fetcher: appFetcher() })).checked;
  return { load, reverified };
}
