// Named queries for the 1EdTech APIs Sash hosts (server/ims, issue #22 §1): the pages of a learner's credentials
// and learner records as originally received (their raw payload), the in-place replacement of a credential's
// badge data by an upsert of the same credential id, and the learner's name. Every function takes the learner's
// id (from the bearer token) and filters by it: another learner's rows simply find nothing.
import { and, asc, count, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { credentials, learnerRecords, users } from "../schema";
import type { NewCredential } from "./credential-types";
import { issuedColumns } from "./credentials";
import { isUuid } from "./sql";

export interface ApiPageQuery {
  limit: number;
  offset: number;
  /** Only rows added or changed after this moment. */
  since: Date | null;
}

export interface ApiPage<T> {
  total: number;
  rows: T[];
}

export interface ApiCredentialRow {
  id: string;
  spec: string | null;
  raw: string;
  /** The OB 1.0/2.0 assertion object as read (a hosted assertion's fetched document, a JWS's payload), if any. */
  assertion: Record<string, unknown> | null;
}

/**
 * The learner's credentials of the given specs that stand on their own (not part of a learner record) and kept
 * their payload, oldest first (a stable order for paging), with the total the query matches.
 */
export async function listApiCredentials(
  db: Db,
  userId: string,
  specs: string[],
  q: ApiPageQuery,
): Promise<ApiPage<ApiCredentialRow>> {
  const where: SQL[] = [
    eq(credentials.userId, userId),
    inArray(credentials.spec, specs),
    isNull(credentials.learnerRecordId),
  ];
  if (q.since) where.push(gt(credentials.updatedAt, q.since));
  const cond = and(...where);
  const [{ n }] = (await db.select({ n: count() }).from(credentials).where(cond)) as [{ n: number }];
  const rows = await db
    .select({
      id: credentials.id,
      spec: credentials.spec,
      raw: credentials.raw,
      assertion: sql<Record<string, unknown> | null>`${credentials.record} -> 'documents' -> 'assertion'`,
    })
    .from(credentials)
    .where(cond)
    .orderBy(asc(credentials.createdAt), asc(credentials.id))
    .limit(q.limit)
    .offset(q.offset);
  return {
    total: Number(n),
    rows: rows.filter((r): r is ApiCredentialRow => typeof r.raw === "string"),
  };
}

/** The learner's learner records (CLR 2.0), oldest first, with the total the query matches. */
export async function listApiLearnerRecords(
  db: Db,
  userId: string,
  q: ApiPageQuery,
): Promise<ApiPage<{ id: string; raw: string }>> {
  const where: SQL[] = [eq(learnerRecords.userId, userId)];
  if (q.since) where.push(gt(learnerRecords.updatedAt, q.since));
  const cond = and(...where);
  const [{ n }] = (await db.select({ n: count() }).from(learnerRecords).where(cond)) as [{ n: number }];
  const rows = await db
    .select({ id: learnerRecords.id, raw: learnerRecords.raw })
    .from(learnerRecords)
    .where(cond)
    .orderBy(asc(learnerRecords.createdAt), asc(learnerRecords.id))
    .limit(q.limit)
    .offset(q.offset);
  return { total: Number(n), rows };
}

/**
 * Replaces the badge data of the learner's credential `id` (an upsert of the same credential id): issuer, dates,
 * criteria, ids, achievement columns, the parsed record and raw payload, and the verification report, in one
 * statement. The learner's own title, description and skills, the share link and the id stay. Returns the share
 * slug (to refresh its pages), or null when the credential isn't this learner's.
 */
export async function replaceCredentialData(
  db: Db,
  userId: string,
  id: string,
  input: Omit<NewCredential, "file">,
): Promise<{ shareSlug: string } | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .update(credentials)
    .set({
      ...issuedColumns(input),
      updatedAt: new Date(),
    })
    .where(and(eq(credentials.id, id), eq(credentials.userId, userId)))
    .returning({ shareSlug: credentials.shareSlug });
  return row ?? null;
}

/** Sets the learner's name (the one thing of the profile a client may change). False when there is no such learner. */
export async function setLearnerName(db: Db, userId: string, name: string): Promise<boolean> {
  const rows = await db.update(users).set({ name }).where(eq(users.id, userId)).returning({ id: users.id });
  return rows.length > 0;
}
