// Filling credentials.achievement_type and credentials.details (issue #13 item 3)
// for rows stored before those columns existed, or by an older details version.
// The service (server/wallet/achievements.ts) computes the values; these queries
// only find the rows and write them back.
import { and, asc, gt, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { credentials } from "../schema";
import type { AchievementDetails } from "@/lib/badges/achievement";
import type { ParsedCredential } from "@/lib/badges/types";

export interface DetailsBackfillRow {
  id: string;
  record: ParsedCredential;
}

/**
 * Up to `limit` credentials with badge data whose details are missing or older than
 * `version`, in id order after `afterId` (so a pass moves on past rows it couldn't change).
 */
export async function listDetailsBackfill(
  db: Db,
  version: number,
  limit: number,
  afterId: string | null = null,
): Promise<DetailsBackfillRow[]> {
  const stale = or(isNull(credentials.details), sql`coalesce((${credentials.details} ->> 'v')::int, 0) < ${version}`);
  const rows = await db
    .select({ id: credentials.id, record: credentials.record })
    .from(credentials)
    .where(and(isNotNull(credentials.record), stale, afterId ? gt(credentials.id, afterId) : undefined))
    .orderBy(asc(credentials.id))
    .limit(limit);
  return rows.filter((r) => r.record && typeof r.record === "object") as DetailsBackfillRow[];
}

/** Writes the re-normalised record, its achievement type and details (only while still stale: idempotent). */
export async function saveAchievementDetails(
  db: Db,
  id: string,
  values: { record: ParsedCredential; achievementType: string | null; details: AchievementDetails },
): Promise<boolean> {
  const res = await db
    .update(credentials)
    .set({ record: values.record, achievementType: values.achievementType, details: values.details })
    .where(
      and(
        sql`${credentials.id} = ${id}`,
        or(isNull(credentials.details), sql`coalesce((${credentials.details} ->> 'v')::int, 0) < ${values.details.v}`),
      ),
    )
    .returning({ id: credentials.id });
  return res.length > 0;
}
