// pg-boss for the server's schedules (re-verification, issuer registries): one singleton queue per
// schedule, run on a cron by whichever app instance picks it up. schedule() is an upsert keyed by
// queue name: every instance may call it, one schedule results.
import type PgBoss from "pg-boss";

export interface SingletonQueueOptions {
  databaseUrl: string;
  /** PostgreSQL application_name of pg-boss's connections, e.g. "sash-reverify". */
  applicationName: string;
  queue: string;
  cron: string;
  onError: (e: unknown) => void;
  /** One run of the schedule. */
  work: () => Promise<void>;
}

/** Starts pg-boss (schema pgboss, at most 2 connections) with `queue` scheduled on `cron` and this instance working it. */
export async function startSingletonQueue(o: SingletonQueueOptions): Promise<PgBoss> {
  const { default: PgBossClass } = await import("pg-boss");
  const boss = new PgBossClass({
    connectionString: o.databaseUrl,
    schema: "pgboss",
    max: 2,
    application_name: o.applicationName,
  });
  boss.on("error", o.onError);
  await boss.start();
  await boss.createQueue(o.queue, { name: o.queue, policy: "singleton" });
  await boss.schedule(o.queue, o.cron);
  await boss.work(o.queue, { pollingIntervalSeconds: 30 }, o.work);
  return boss;
}
