// Queries for re-checking stored credentials (issue #11 §4): which ones are due,
// and storing a fresh report with any "turned revoked / expired" notice.
import { and, asc, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { credentials } from "../schema";
import type { ParsedCredential } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify/types";

export interface RecheckRow {
  id: string;
  userId: string;
  shareSlug: string;
  record: ParsedCredential;
  verification: VerificationReport | null;
}

const cols = {
  id: credentials.id,
  userId: credentials.userId,
  shareSlug: credentials.shareSlug,
  record: credentials.record,
  verification: credentials.verification,
};

function toRows(
  rows: Array<{ id: string; userId: string; shareSlug: string; record: unknown; verification: unknown }>,
): RecheckRow[] {
  return rows
    .filter((r) => r.record)
    .map((r) => ({
      ...r,
      record: r.record as ParsedCredential,
      verification: (r.verification as VerificationReport | null) ?? null,
    }));
}

/** Every credential of one learner that carries badge data (manual entries have nothing to check). */
export async function listLearnerRechecks(db: Db, userId: string): Promise<RecheckRow[]> {
  const rows = await db
    .select(cols)
    .from(credentials)
    .where(and(eq(credentials.userId, userId), isNotNull(credentials.record)))
    .orderBy(asc(credentials.createdAt));
  return toRows(rows);
}

/** Credentials last checked before `before` (or never), oldest check first. */
export async function listDueRechecks(db: Db, before: Date, limit: number): Promise<RecheckRow[]> {
  const rows = await db
    .select(cols)
    .from(credentials)
    .where(and(isNotNull(credentials.record), or(isNull(credentials.verifiedAt), lt(credentials.verifiedAt, before))))
    .orderBy(sql`${credentials.verifiedAt} asc nulls first`, asc(credentials.id))
    .limit(limit);
  return toRows(rows);
}

/**
 * Issue #20 item 2: credentials whose stored report bound one of `issuerIds` (its `issuer.id`),
 * to re-check when a known-issuer registry changed what it says about those issuers.
 */
export async function listIssuerRechecks(db: Db, issuerIds: readonly string[], limit = 10_000): Promise<RecheckRow[]> {
  if (!issuerIds.length) return [];
  const rows = await db
    .select(cols)
    .from(credentials)
    .where(
      and(
        isNotNull(credentials.record),
        inArray(sql<string>`${credentials.verification} -> 'issuer' ->> 'id'`, [...issuerIds]),
      ),
    )
    .orderBy(asc(credentials.id))
    .limit(limit);
  return toRows(rows);
}

/**
 * Stores a re-check. `notice` ("revoked" | "expired") is set when the check found
 * the credential newly revoked or expired; otherwise an earlier notice stays
 * until the learner dismisses it — unless the credential is no longer revoked or expired.
 */
export async function saveRecheck(
  db: Db,
  id: string,
  report: VerificationReport,
  notice: "revoked" | "expired" | null,
  stillBad: boolean,
): Promise<void> {
  await db
    .update(credentials)
    .set({
      verification: report,
      verificationResult: report.result,
      verifiedAt: new Date(report.checkedAt),
      statusNotice: notice ?? (stillBad ? sql`${credentials.statusNotice}` : null),
    })
    .where(eq(credentials.id, id));
}

export interface StatusNotice {
  id: string;
  title: string;
  notice: "revoked" | "expired";
  checkedAt: Date | null;
}

/** The learner's credentials that turned revoked or expired since they last looked. */
export async function listStatusNotices(db: Db, userId: string): Promise<StatusNotice[]> {
  const rows = await db
    .select({
      id: credentials.id,
      title: credentials.title,
      notice: credentials.statusNotice,
      checkedAt: credentials.verifiedAt,
    })
    .from(credentials)
    .where(and(eq(credentials.userId, userId), isNotNull(credentials.statusNotice)))
    .orderBy(asc(credentials.title));
  return rows.filter((r) => r.notice === "revoked" || r.notice === "expired") as StatusNotice[];
}

export async function dismissStatusNotice(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(credentials)
    .set({ statusNotice: null })
    .where(and(eq(credentials.id, id), eq(credentials.userId, userId)))
    .returning({ id: credentials.id });
  return rows.length > 0;
}
