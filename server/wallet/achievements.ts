// Issue #13 item 3: what an achievement is, for credentials stored before Sash kept
// it. At start-up (server/db.ts) every credential with badge data whose details are
// missing or from an older version is re-normalised from its stored documents —
// offline, no fetch — and its record, achievement type and details are written back.
// Idempotent: a second run finds nothing to do; several processes starting at once
// may both fill a row with the same values.
import type { Db } from "@/db/client";
import { listDetailsBackfill, saveAchievementDetails } from "@/db/queries/achievements";
import {
  achievementDetails,
  DETAILS_VERSION,
  readAchievementDetails,
  withAchievementFields,
  type AchievementDetails,
} from "@/lib/badges/achievement";
import type { ParsedCredential } from "@/lib/badges/types";

/** What a credential page shows: the stored details, else made from the stored record now. */
export function detailsOf(c: { details: unknown; record: ParsedCredential | null }): AchievementDetails | null {
  const stored = readAchievementDetails(c.details);
  if (stored && stored.v >= DETAILS_VERSION) return stored;
  return c.record ? achievementDetails(withAchievementFields(c.record)) : null;
}

/** The columns to store for a record (at import). */
export function achievementColumns(record: ParsedCredential | null): {
  achievementType: string | null;
  details: AchievementDetails | null;
} {
  if (!record) return { achievementType: null, details: null };
  return { achievementType: record.achievementType ?? null, details: achievementDetails(record) };
}

export interface BackfillSummary {
  /** Rows looked at. */
  seen: number;
  /** Rows written. */
  filled: number;
}

/** Fills details for every stale credential, `batch` rows at a time. */
export async function backfillAchievementDetails(db: Db, opts: { batch?: number } = {}): Promise<BackfillSummary> {
  const batch = opts.batch ?? 100;
  const out: BackfillSummary = { seen: 0, filled: 0 };
  let after: string | null = null;
  for (;;) {
    const rows = await listDetailsBackfill(db, DETAILS_VERSION, batch, after);
    if (rows.length === 0) break;
    for (const row of rows) {
      out.seen++;
      after = row.id;
      const record = withAchievementFields(row.record);
      const saved = await saveAchievementDetails(db, row.id, {
        record,
        achievementType: record.achievementType ?? null,
        details: achievementDetails(record),
      });
      if (saved) out.filled++;
    }
    if (rows.length < batch) break;
  }
  return out;
}
