// Fixed-window counters in the database, so limits hold across processes (and
// serverless instances on Vercel). One row per key; old rows are swept.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { rowsOf } from "./sql";

/** Adds one to `key`'s counter in the current window (starting a new window when the old one is over); returns the new count. */
export async function incrementWindow(db: Db, key: string, windowSeconds: number): Promise<number> {
  const res = await db.execute(sql`
    insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds}) then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds}) then now() else rate_limits.window_start end
    returning count`);
  return Number(rowsOf<{ count: number | string }>(res)[0]?.count ?? 0);
}

/** The count in `key`'s current window, without adding to it (0 when there is none or it is over). */
export async function readWindow(db: Db, key: string, windowSeconds: number): Promise<number> {
  const res = await db.execute(sql`
    select count from rate_limits
    where key = ${key} and window_start >= now() - make_interval(secs => ${windowSeconds})`);
  return Number(rowsOf<{ count: number | string }>(res)[0]?.count ?? 0);
}

/** Takes one back (an attempt that turned out not to count). Never below zero. */
export async function decrementWindow(db: Db, key: string): Promise<void> {
  await db.execute(sql`update rate_limits set count = greatest(count - 1, 0) where key = ${key}`);
}

/** Deletes counters whose window started more than `olderThanSeconds` ago; returns how many. */
export async function deleteWindowsOlderThan(db: Db, olderThanSeconds: number): Promise<number> {
  const res = await db.execute(sql`
    with gone as (delete from rate_limits where window_start < now() - make_interval(secs => ${olderThanSeconds}) returning 1)
    select count(*)::int as n from gone`);
  return Number(rowsOf<{ n: number | string }>(res)[0]?.n ?? 0);
}
