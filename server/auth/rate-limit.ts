// Fixed-window rate limiting stored in the database, so it holds across
// processes (and serverless instances on Vercel).
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

export interface Limit {
  max: number;
  windowSeconds: number;
}

export function signInLimits(): { perEmail: Limit; perIp: Limit } {
  return {
    perEmail: { max: Number(process.env.SASH_RATE_LIMIT_EMAIL || 10), windowSeconds: 15 * 60 },
    perIp: { max: Number(process.env.SASH_RATE_LIMIT_IP || 100), windowSeconds: 15 * 60 },
  };
}

/** Records one attempt under `key`; returns true when it is within the limit. */
export async function hitRateLimit(db: Db, key: string, limit: Limit): Promise<boolean> {
  const res = await db.execute(sql`
    insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start < now() - make_interval(secs => ${limit.windowSeconds}) then 1 else rate_limits.count + 1 end,
      window_start = case when rate_limits.window_start < now() - make_interval(secs => ${limit.windowSeconds}) then now() else rate_limits.window_start end
    returning count`);
  const rows = (res as unknown as { rows: Array<{ count: number | string }> }).rows;
  return Number(rows[0]?.count ?? 0) <= limit.max;
}
