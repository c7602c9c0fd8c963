// Named queries for running a deployment (issue #21 §3-4): who is an admin, the admin page's counts,
// learners found by address and disabled/enabled, the audit log, the admin's trusted issuers, and the
// learner's credential-mail setting and what was last mailed. Nothing here decides a verified status:
// the counts read the stored columns and server/admin applies lib/trust/status.ts.
import { and, desc, eq, gte, inArray, isNotNull, like, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { adminTrustedIssuers, auditLog, credentials, recordShares, userEmails, users } from "../schema";
import { escapeLike, isUuid, toDate } from "./sql";

// ---- Admins -----------------------------------------------------------------------------------------------------

/** Whether one of `emails` (lower-case) is a VERIFIED address of the learner, and the learner is not disabled. */
export async function hasVerifiedAddressIn(db: Db, userId: string, emails: readonly string[]): Promise<boolean> {
  if (!isUuid(userId) || !emails.length) return false;
  const rows = await db
    .select({ id: userEmails.id })
    .from(userEmails)
    .innerJoin(users, eq(users.id, userEmails.userId))
    .where(
      and(
        eq(userEmails.userId, userId),
        isNotNull(userEmails.verifiedAt),
        eq(users.disabled, false),
        inArray(sql`lower(${userEmails.email})`, [...emails]),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

// ---- Counts -----------------------------------------------------------------------------------------------------

export interface StoredVerificationRow {
  verification: unknown;
  verificationResult: string | null;
  expires: Date | null;
}

export async function countLearners(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(row?.n ?? 0);
}

/** Every credential's stored verification columns (the caller decides each status at one time). */
export async function listStoredVerifications(db: Db): Promise<StoredVerificationRow[]> {
  const rows = await db
    .select({
      verification: credentials.verification,
      verificationResult: credentials.verificationResult,
      expires: credentials.expires,
    })
    .from(credentials);
  return rows.map((r) => ({ ...r, expires: toDate(r.expires) }));
}

/** Share links on: credentials' and whole-record links, of learners who are not disabled. */
export async function countSharesOn(db: Db): Promise<number> {
  const [c] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(credentials)
    .innerJoin(users, eq(users.id, credentials.userId))
    .where(and(eq(credentials.shareEnabled, true), eq(users.disabled, false)));
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recordShares)
    .innerJoin(users, eq(users.id, recordShares.userId))
    .where(and(eq(recordShares.shareEnabled, true), eq(users.disabled, false)));
  return Number(c?.n ?? 0) + Number(r?.n ?? 0);
}

/** Audit rows of imports (action "import.…") since `since`. */
export async function countImportsSince(db: Db, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(like(auditLog.action, "import.%"), gte(auditLog.at, since)));
  return Number(row?.n ?? 0);
}

// ---- Audit log --------------------------------------------------------------------------------------------------

export interface AuditInput {
  actorId: string | null;
  actor: string;
  action: string;
  targetUserId?: string | null;
  summary: string;
  detail?: unknown;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  summary: string;
  /** The learner acted on, as they are now (null once deleted). */
  targetEmail: string | null;
}

export async function insertAudit(db: Db, input: AuditInput): Promise<void> {
  await db.insert(auditLog).values({
    actorId: input.actorId,
    actor: input.actor,
    action: input.action,
    targetUserId: input.targetUserId ?? null,
    summary: input.summary,
    detail: input.detail ?? null,
  });
}

export async function listAudit(db: Db, limit = 50): Promise<AuditRow[]> {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: auditLog.actor,
      action: auditLog.action,
      summary: auditLog.summary,
      targetEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.targetUserId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, at: toDate(r.at) ?? new Date(0) }));
}

// ---- Learners ---------------------------------------------------------------------------------------------------

export interface LearnerRow {
  id: string;
  name: string;
  email: string;
  disabled: boolean;
  createdAt: Date;
  credentials: number;
}

/** A learner's row with the number of their credentials (findLearners, findLearnerById). */
const LEARNER_COLUMNS = {
  id: users.id,
  name: users.name,
  email: users.email,
  disabled: users.disabled,
  createdAt: users.createdAt,
  credentials: sql<number>`(select count(*)::int from credentials c where c.user_id = "users"."id")`,
};

function learnerRow(
  r: Omit<LearnerRow, "createdAt" | "credentials"> & { createdAt: unknown; credentials: unknown },
): LearnerRow {
  return { ...r, credentials: Number(r.credentials), createdAt: toDate(r.createdAt) ?? new Date(0) };
}

/** Learners whose account address or any of their addresses contains `query` (case-insensitive), at most `limit`. */
export async function findLearners(db: Db, query: string, limit = 25): Promise<LearnerRow[]> {
  const q = `%${escapeLike(query.trim().toLowerCase())}%`;
  const rows = await db
    .select(LEARNER_COLUMNS)
    .from(users)
    .where(
      or(
        sql`lower(${users.email}) like ${q}`,
        sql`exists (select 1 from user_emails e where e.user_id = "users"."id" and lower(e.email) like ${q})`,
      ),
    )
    .orderBy(users.email)
    .limit(limit);
  return rows.map(learnerRow);
}

export async function findLearnerById(db: Db, id: string): Promise<LearnerRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await db.select(LEARNER_COLUMNS).from(users).where(eq(users.id, id));
  return r ? learnerRow(r) : null;
}

/** Finds a learner by their account address or a verified address of theirs (exact, case-insensitive). */
export async function findLearnerIdByEmail(db: Db, email: string): Promise<string | null> {
  const e = email.trim().toLowerCase();
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${e}`);
  if (u) return u.id;
  const [v] = await db
    .select({ id: userEmails.userId })
    .from(userEmails)
    .where(and(sql`lower(${userEmails.email}) = ${e}`, isNotNull(userEmails.verifiedAt)));
  return v?.id ?? null;
}

/** Disables or enables a learner; false when there is no such learner. The 0015 trigger announces their share slugs. */
export async function setUserDisabled(db: Db, id: string, disabled: boolean): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .update(users)
    .set({ disabled, disabledAt: disabled ? new Date() : null })
    .where(eq(users.id, id))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Whether the learner is disabled (false for an unknown id). */
export async function isUserDisabled(db: Db, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const [row] = await db.select({ disabled: users.disabled }).from(users).where(eq(users.id, id));
  return row?.disabled === true;
}

// ---- Trusted issuers --------------------------------------------------------------------------------------------

export type TrustedIssuerKind = "registry-url" | "registry-file" | "issuer";

export interface TrustedIssuerRow {
  id: string;
  kind: TrustedIssuerKind;
  name: string;
  url: string | null;
  issuerId: string | null;
  document: unknown;
  createdAt: Date;
}

export async function insertTrustedIssuer(
  db: Db,
  row: { kind: TrustedIssuerKind; name: string; url?: string | null; issuerId?: string | null; document?: unknown },
  createdBy: string | null,
): Promise<TrustedIssuerRow> {
  const [r] = await db
    .insert(adminTrustedIssuers)
    .values({
      kind: row.kind,
      name: row.name,
      url: row.url ?? null,
      issuerId: row.issuerId ?? null,
      document: row.document ?? null,
      createdBy,
    })
    .returning();
  return { ...r!, kind: r!.kind as TrustedIssuerKind, createdAt: toDate(r!.createdAt) ?? new Date(0) };
}

export async function listTrustedIssuers(db: Db): Promise<TrustedIssuerRow[]> {
  const rows = await db
    .select({
      id: adminTrustedIssuers.id,
      kind: adminTrustedIssuers.kind,
      name: adminTrustedIssuers.name,
      url: adminTrustedIssuers.url,
      issuerId: adminTrustedIssuers.issuerId,
      document: adminTrustedIssuers.document,
      createdAt: adminTrustedIssuers.createdAt,
    })
    .from(adminTrustedIssuers)
    .orderBy(adminTrustedIssuers.createdAt, adminTrustedIssuers.id);
  return rows.map((r) => ({ ...r, kind: r.kind as TrustedIssuerKind, createdAt: toDate(r.createdAt) ?? new Date(0) }));
}

export async function deleteTrustedIssuer(db: Db, id: string): Promise<TrustedIssuerRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await db.delete(adminTrustedIssuers).where(eq(adminTrustedIssuers.id, id)).returning();
  return r ? { ...r, kind: r.kind as TrustedIssuerKind, createdAt: toDate(r.createdAt) ?? new Date(0) } : null;
}

// ---- Credential mail (issue #21 §3) -----------------------------------------------------------------------------

export async function getNotifySetting(db: Db, userId: string): Promise<boolean | null> {
  if (!isUuid(userId)) return null;
  const [row] = await db.select({ on: users.notifyCredentials }).from(users).where(eq(users.id, userId));
  return row ? row.on : null;
}

/** Sets "Email me about my credentials"; false when there is no such learner. */
export async function setNotifySetting(db: Db, userId: string, on: boolean): Promise<boolean> {
  if (!isUuid(userId)) return false;
  const rows = await db
    .update(users)
    .set({ notifyCredentials: on })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return rows.length > 0;
}

export interface NotifyLearner {
  id: string;
  name: string;
  email: string;
  notifiedAt: Date | null;
}

/**
 * Learners who want credential mail, aren't disabled, weren't mailed since `notMailedSince`, and hold a
 * credential worth a look: failed (stored result invalid, or a failed revocation check), expiring before
 * `expiringBefore`, or mailed about before (it may be fine again).
 */
export async function listNotifyLearners(
  db: Db,
  notMailedSince: Date,
  expiringBefore: Date,
  userIds?: string[],
): Promise<NotifyLearner[]> {
  if (userIds && !userIds.length) return [];
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, notifiedAt: users.notifiedAt })
    .from(users)
    .where(
      and(
        eq(users.notifyCredentials, true),
        eq(users.disabled, false),
        or(sql`${users.notifiedAt} is null`, sql`${users.notifiedAt} <= ${notMailedSince.toISOString()}`),
        userIds ? inArray(users.id, userIds) : undefined,
        sql`exists (select 1 from credentials c where c.user_id = "users"."id" and c.record is not null and (
          c.notified_status is not null
          or c.verification_result = 'invalid'
          or c.expires <= ${expiringBefore.toISOString()}
          or c.verification -> 'checks' @> '[{"id":"revocation","status":"fail"}]'::jsonb))`,
      ),
    );
  return rows.map((r) => ({ ...r, notifiedAt: toDate(r.notifiedAt) }));
}

export interface NotifyCredentialRow extends StoredVerificationRow {
  id: string;
  title: string;
  notifiedStatus: string | null;
}

/** A learner's credentials that carry badge data, with what they were last mailed about. */
export async function listNotifyCredentials(db: Db, userId: string): Promise<NotifyCredentialRow[]> {
  const rows = await db
    .select({
      id: credentials.id,
      title: credentials.title,
      notifiedStatus: credentials.notifiedStatus,
      verification: credentials.verification,
      verificationResult: credentials.verificationResult,
      expires: credentials.expires,
    })
    .from(credentials)
    .where(and(eq(credentials.userId, userId), isNotNull(credentials.record)))
    .orderBy(credentials.title);
  return rows.map((r) => ({ ...r, expires: toDate(r.expires) }));
}

/**
 * Records a mail: the learner's last-mailed time, and per credential the status it told them about
 * (null clears one that is fine again, so a later change is mailed).
 */
export async function markNotified(
  db: Db,
  userId: string,
  at: Date,
  statuses: Array<{ id: string; status: string | null }>,
): Promise<void> {
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.update(users).set({ notifiedAt: at }).where(eq(users.id, userId));
    for (const s of statuses)
      await tx
        .update(credentials)
        .set({ notifiedStatus: s.status })
        .where(and(eq(credentials.id, s.id), eq(credentials.userId, userId)));
  });
}

/** Clears remembered statuses of credentials that are fine again (no mail needed for that). */
export async function clearNotifiedStatuses(db: Db, userId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db
    .update(credentials)
    .set({ notifiedStatus: null })
    .where(and(eq(credentials.userId, userId), inArray(credentials.id, ids)));
}
