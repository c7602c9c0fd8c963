// The re-verification schedule (issue #11 §4). Every hour (or every
// SASH_REVERIFY_HOURS when shorter) one pass re-checks the credentials last
// checked more than SASH_REVERIFY_HOURS ago (default 24, so each is checked daily).
//   PostgreSQL: pg-boss owns the clock and the queue, so several app instances
//               share one schedule and each pass runs in exactly one of them.
//   PGlite:     one process owns the data folder, so an in-process timer suffices.
// After each pass, learners whose credentials changed get their (at most daily) mail (./notify.ts).
// Started by the server at startup (instrumentation.ts), never by `next build` or the CLI.
import type { Db, DriverKind } from "@/db/client";
import { appFetcher } from "@/server/net";
import { startSingletonQueue } from "@/server/pgboss";
import { reverifyDue, reverifyIntervalHours, type Env, type ReverifySummary } from "./reverify";
import { sendCredentialMail } from "./notify";

export const REVERIFY_QUEUE = "sash-reverify";

export interface SchedulerHandle {
  kind: "pg-boss" | "timer";
  /** Runs one pass now (tests, and the first pass after start). */
  runOnce: () => Promise<ReverifySummary | null>;
  stop: () => Promise<void>;
}

export interface SchedulerOptions {
  db: Db;
  kind: DriverKind;
  databaseUrl?: string;
  /** Called with the share links a pass changed (cache invalidation). */
  onChanged?: (slugs: string[]) => void;
  env?: Env;
}

function tickSeconds(hours: number): number {
  return Math.max(60, Math.min(3600, Math.round(hours * 3600)));
}

/** Cron for pg-boss (minute resolution): hourly, or every N minutes for shorter intervals. */
export function cronFor(hours: number): string {
  const minutes = Math.round(tickSeconds(hours) / 60);
  return minutes >= 60 ? "0 * * * *" : `*/${minutes} * * * *`;
}

function makePass(opts: SchedulerOptions) {
  let running: Promise<ReverifySummary> | null = null;
  return async (): Promise<ReverifySummary | null> => {
    if (running) return null; // one pass at a time in this process
    running = (async () => {
      const s = await reverifyDue(opts.db, {
        fetcher: appFetcher(),
        intervalHours: reverifyIntervalHours(opts.env),
      });
      if (s.checked) {
        console.log(
          `sash: re-verified ${s.checked} credential(s) (${s.newlyRevoked} newly revoked, ${s.newlyExpired} newly expired)`,
        );
        opts.onChanged?.(s.slugs);
      }
      // Issue #21 §3: one batched mail a day at most to each learner whose credentials changed (./notify.ts).
      try {
        const m = await sendCredentialMail(opts.db, { env: opts.env });
        if (m.mailed) console.log(`sash: mailed ${m.mailed} learner(s) about ${m.credentials} changed credential(s)`);
      } catch (e) {
        console.error(`sash: credential mail failed: ${(e as Error)?.message ?? e}`);
      }
      return s;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  };
}

export async function startReverifyScheduler(opts: SchedulerOptions): Promise<SchedulerHandle> {
  const hours = reverifyIntervalHours(opts.env);
  const pass = makePass(opts);
  const logFailure = (e: unknown) => console.error(`sash: re-verification pass failed: ${(e as Error)?.message ?? e}`);

  if (opts.kind === "postgres" && opts.databaseUrl) {
    const boss = await startSingletonQueue({
      databaseUrl: opts.databaseUrl,
      applicationName: "sash-reverify",
      queue: REVERIFY_QUEUE,
      cron: cronFor(hours),
      onError: logFailure,
      work: async () => {
        await pass();
      },
    });
    return {
      kind: "pg-boss",
      runOnce: async () => {
        await boss.send(REVERIFY_QUEUE, {});
        return null;
      },
      stop: () => boss.stop({ graceful: true, wait: true }),
    };
  }

  const timer = setInterval(() => void pass().catch(logFailure), tickSeconds(hours) * 1000);
  timer.unref();
  // A first pass shortly after start, so a server that was off for days catches up.
  const first = setTimeout(() => void pass().catch(logFailure), 30_000);
  first.unref();
  return {
    kind: "timer",
    runOnce: pass,
    stop: async () => {
      clearInterval(timer);
      clearTimeout(first);
    },
  };
}
