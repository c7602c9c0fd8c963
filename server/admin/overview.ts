// The admin page's counts (issue #21 §4): learners, credentials by verdict (lib/trust/status.ts, the one
// verified status, at the time asked), imports in the last 7 days (audit rows), share links on.
import type { Db } from "@/db/client";
import { countImportsSince, countLearners, countSharesOn, listStoredVerifications } from "@/db/queries/admin";
import { storedStatus, type VerifiedState } from "@/lib/trust/status";

export interface AdminCounts {
  learners: number;
  credentials: Record<VerifiedState, number> & { total: number };
  importsLast7Days: number;
  sharesOn: number;
}

export async function adminCounts(db: Db, now: Date = new Date()): Promise<AdminCounts> {
  const byState: Record<VerifiedState, number> = { verified: 0, "not-verified": 0, failed: 0 };
  const rows = await listStoredVerifications(db);
  for (const row of rows) byState[storedStatus(row, now).state]++;
  return {
    learners: await countLearners(db),
    credentials: { ...byState, total: rows.length },
    importsLast7Days: await countImportsSince(db, new Date(now.getTime() - 7 * 24 * 3600 * 1000)),
    sharesOn: await countSharesOn(db),
  };
}
