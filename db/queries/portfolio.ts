// Named queries for the portfolio page (/record, issue #13 §5) and its share link.
// The owner's reads go by user id; the public read goes by slug and sees only
// an enabled link.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { credentials, credentialSkills, learnerRecords, recordShares, users } from "../schema";
import type { PortfolioRows } from "@/lib/portfolio/types";
import { toDate } from "./sql";

/** Everything the portfolio page shows for one learner (null when the learner doesn't exist). */
export async function getRecordRows(db: Db, userId: string): Promise<PortfolioRows | null> {
  const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return null;
  const creds = await db
    .select({
      id: credentials.id,
      title: credentials.title,
      spec: credentials.spec,
      issuerName: credentials.issuerName,
      issuerUrl: credentials.issuerUrl,
      issuedOn: credentials.issuedOn,
      expires: credentials.expires,
      verification: credentials.verification,
      // The achievement columns (issue #13 item 3), falling back to the stored record's fields
      // for a row the start-up backfill hasn't reached; never the whole record document.
      achievementType: sql<
        string | null
      >`coalesce(${credentials.achievementType}, ${credentials.record} ->> 'achievementType')`,
      results: sql<unknown>`coalesce(${credentials.details} -> 'results', ${credentials.record} -> 'results')`,
      learnerRecordId: credentials.learnerRecordId,
      learnerRecordIndex: credentials.learnerRecordIndex,
      createdAt: credentials.createdAt,
    })
    .from(credentials)
    .where(eq(credentials.userId, userId))
    .orderBy(asc(credentials.createdAt), asc(credentials.id));
  const skills = await db
    .select({
      credentialId: credentialSkills.credentialId,
      name: credentialSkills.name,
      skillKey: credentialSkills.skillKey,
    })
    .from(credentialSkills)
    .where(eq(credentialSkills.userId, userId))
    .orderBy(asc(credentialSkills.credentialId), asc(credentialSkills.position));
  const records = await db
    .select({
      id: learnerRecords.id,
      title: learnerRecords.title,
      issuerName: learnerRecords.issuerName,
      issuerUrl: learnerRecords.issuerUrl,
      issuedOn: learnerRecords.issuedOn,
      expires: learnerRecords.expires,
      verification: learnerRecords.verification,
      createdAt: learnerRecords.createdAt,
    })
    .from(learnerRecords)
    .where(eq(learnerRecords.userId, userId))
    .orderBy(asc(learnerRecords.createdAt), asc(learnerRecords.id));
  return {
    learnerName: user.name,
    credentials: creds.map((c) => ({
      ...c,
      issuedOn: toDate(c.issuedOn),
      expires: toDate(c.expires),
      createdAt: toDate(c.createdAt) ?? new Date(0),
      achievementType: typeof c.achievementType === "string" ? c.achievementType : null,
    })),
    skills,
    learnerRecords: records.map((r) => ({
      ...r,
      issuedOn: toDate(r.issuedOn),
      expires: toDate(r.expires),
      createdAt: toDate(r.createdAt) ?? new Date(0),
    })),
  };
}

// ---- The portfolio's share link ------------------------------------------------

export interface RecordShareSettings {
  slug: string;
  enabled: boolean;
}

const settingsColumns = { slug: recordShares.shareSlug, enabled: recordShares.shareEnabled };

export async function getRecordShare(db: Db, userId: string): Promise<RecordShareSettings | null> {
  const [row] = await db.select(settingsColumns).from(recordShares).where(eq(recordShares.userId, userId)).limit(1);
  return row ?? null;
}

/** The learner's portfolio share row, made (off) with `newSlug` when there is none yet. */
export async function ensureRecordShare(db: Db, userId: string, newSlug: string): Promise<RecordShareSettings> {
  await db
    .insert(recordShares)
    .values({ userId, shareSlug: newSlug })
    .onConflictDoNothing({ target: recordShares.userId });
  const row = await getRecordShare(db, userId);
  if (!row) throw new Error("record share row missing after insert");
  return row;
}

export async function setRecordShareEnabled(
  db: Db,
  userId: string,
  enabled: boolean,
): Promise<RecordShareSettings | null> {
  const [row] = await db
    .update(recordShares)
    .set({ shareEnabled: enabled, updatedAt: new Date() })
    .where(eq(recordShares.userId, userId))
    .returning(settingsColumns);
  return row ?? null;
}

/** Replaces the slug; the old one stops resolving in the same statement. */
export async function replaceRecordShareSlug(
  db: Db,
  userId: string,
  newSlug: string,
): Promise<{ oldSlug: string; settings: RecordShareSettings } | null> {
  const before = await getRecordShare(db, userId);
  if (!before) return null;
  const [row] = await db
    .update(recordShares)
    .set({ shareSlug: newSlug, updatedAt: new Date() })
    .where(and(eq(recordShares.userId, userId), eq(recordShares.shareSlug, before.slug)))
    .returning(settingsColumns);
  return row ? { oldSlug: before.slug, settings: row } : null;
}

/** The owner behind an enabled portfolio link, or null (unknown, off, or the learner is disabled). */
export async function getSharedRecordOwner(db: Db, slug: string): Promise<{ userId: string } | null> {
  const [row] = await db
    .select({ userId: recordShares.userId })
    .from(recordShares)
    .innerJoin(users, eq(users.id, recordShares.userId))
    // A learner an admin disabled has no public pages until enabled (issue #21 §4).
    .where(and(eq(recordShares.shareSlug, slug), eq(recordShares.shareEnabled, true), eq(users.disabled, false)))
    .limit(1);
  return row ?? null;
}

/** Every record slug shared right now (for the share cache's index of live slugs). */
export async function listSharedRecordSlugs(db: Db): Promise<string[]> {
  const rows = await db
    .select({ slug: recordShares.shareSlug })
    .from(recordShares)
    .where(eq(recordShares.shareEnabled, true));
  return rows.map((r) => r.slug);
}
