// Named queries for learner records (issue #13 §1): a CLR 2.0 kept as one row of
// learner_records, its nested credentials as ordinary rows of credentials linked
// to it. Every function takes the signed-in learner's id and filters by it.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { credentialFiles, credentials, learnerRecords } from "../schema";
import type { ParsedCredential, ClrAchievementEntry, ClrAssociation } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify/types";
import type { DuplicateRef } from "@/lib/wallet/types";
import { writeCredential, writeCredentialFile } from "./credentials";
import { DuplicateCredentialError } from "./credential-errors";
import { enforceQuota } from "./credential-quota";
import type { NewCredential, WalletQuota } from "./credential-types";
import { byteaOut, isUuid, pgErrorInfo } from "./sql";

export interface NewLearnerRecord {
  origin: "upload" | "url" | "paste";
  spec: string;
  externalId: string | null;
  title: string;
  description: string;
  issuerTitle: string | null;
  issuerName: string | null;
  issuerUrl: string | null;
  issuerImage: string | null;
  imageUrl: string | null;
  issuedOn: Date | null;
  expires: Date | null;
  raw: string;
  /** The normalised CLR record without its nested records (those are stored as credentials). */
  record: ParsedCredential;
  achievements: ClrAchievementEntry[];
  associations: ClrAssociation[];
  verification: VerificationReport | null;
  file: NewCredential["file"];
  /** The nested credentials in document order, each with its share slug. */
  credentials: Array<Omit<NewCredential, "file" | "learnerRecord"> & { shareSlug: string }>;
}

/** What saving a record did with each nested credential, in document order. */
export interface SavedNested {
  index: number;
  id: string;
  shareSlug: string;
  /** "new": filed now; "linked": the learner already held it on its own and it now belongs to the record too; "held": already held as part of another record (left there). */
  status: "new" | "linked" | "held";
}

export interface LearnerRecordCard {
  id: string;
  title: string;
  issuerName: string | null;
  issuedOn: Date | null;
  createdAt: Date;
  /** The raw verification columns: what its card says is decided in lib/trust/status.ts, not in SQL. */
  verificationResult: string | null;
  verification: unknown;
  expires: Date | null;
  achievementCount: number;
  credentialCount: number;
}

export interface LearnerRecordDetail extends LearnerRecordCard {
  origin: string;
  spec: string;
  externalId: string | null;
  description: string;
  issuerTitle: string | null;
  issuerUrl: string | null;
  imageUrl: string | null;
  file: { mimeType: string; size: number } | null;
  achievements: ClrAchievementEntry[];
  associations: ClrAssociation[];
  verification: VerificationReport | null;
  verifiedAt: Date | null;
  /** The record's credentials still in the wallet, by their index in the record. */
  credentials: Array<{
    id: string;
    index: number | null;
    title: string;
    verificationResult: string | null;
    verification: unknown;
    expires: Date | null;
  }>;
}

/** The learner's record with the same CLR id or the same file bytes, if any. */
export async function findRecordDuplicate(
  db: Db,
  userId: string,
  by: { externalId?: string | null; fileSha256?: string | null },
): Promise<DuplicateRef | null> {
  const ors = [];
  if (by.externalId) ors.push(eq(learnerRecords.externalId, by.externalId));
  if (by.fileSha256) ors.push(eq(learnerRecords.fileSha256, by.fileSha256));
  if (!ors.length) return null;
  const [row] = await db
    .select({ id: learnerRecords.id, title: learnerRecords.title })
    .from(learnerRecords)
    .where(and(eq(learnerRecords.userId, userId), ors.length === 1 ? ors[0] : sql`(${ors[0]} or ${ors[1]})`))
    .limit(1);
  return row ? { ...row, kind: "record" } : null;
}

/**
 * Saves a learner record, its original file and every nested credential (row,
 * skills, verification, share slug) in one transaction: all of it or nothing.
 * A nested credential the learner already holds on its own (same id) is linked
 * to the record instead of filed twice. Quotas count the credentials it adds.
 * Throws DuplicateCredentialError when the record itself is already held.
 */
export async function insertLearnerRecord(
  db: Db,
  userId: string,
  input: NewLearnerRecord,
  beforeCommit?: (tx: Db, recordId: string) => Promise<void>,
  quota?: WalletQuota,
): Promise<{ id: string; credentials: SavedNested[] }> {
  const dup = await findRecordDuplicate(db, userId, { externalId: input.externalId, fileSha256: input.file?.sha256 });
  if (dup) throw new DuplicateCredentialError(dup);
  try {
    return await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const ids = [...new Set(input.credentials.map((c) => c.externalId).filter((x): x is string => !!x))];
      const held = new Map<string, { id: string; shareSlug: string; learnerRecordId: string | null }>();
      if (ids.length) {
        for (const r of await tx
          .select({
            id: credentials.id,
            externalId: credentials.externalId,
            shareSlug: credentials.shareSlug,
            learnerRecordId: credentials.learnerRecordId,
          })
          .from(credentials)
          .where(and(eq(credentials.userId, userId), inArray(credentials.externalId, ids)))) {
          held.set(r.externalId!, r);
        }
      }
      const fresh = input.credentials.filter((c, i) => {
        if (!c.externalId) return true;
        // A CLR listing one credential twice files it once.
        return !held.has(c.externalId) && input.credentials.findIndex((o) => o.externalId === c.externalId) === i;
      });
      if (quota) await enforceQuota(tx, userId, input.file, quota, fresh.length);
      const fileId = await writeCredentialFile(tx, userId, input.file);
      const v = input.verification;
      const [rec] = await tx
        .insert(learnerRecords)
        .values({
          userId,
          origin: input.origin,
          spec: input.spec,
          externalId: input.externalId,
          title: input.title,
          description: input.description,
          issuerTitle: input.issuerTitle,
          issuerName: input.issuerName,
          issuerUrl: input.issuerUrl,
          issuerImage: input.issuerImage,
          imageUrl: input.imageUrl,
          issuedOn: input.issuedOn,
          expires: input.expires,
          fileId,
          fileSha256: input.file?.sha256 ?? null,
          raw: input.raw,
          record: input.record,
          achievements: input.achievements,
          associations: input.associations,
          verification: v,
          verificationResult: v?.result ?? null,
          verifiedAt: v ? new Date(v.checkedAt) : null,
        })
        .returning({ id: learnerRecords.id });
      const recordId = rec!.id;
      const saved: SavedNested[] = [];
      const filed = new Map<string, SavedNested>();
      for (const [index, c] of input.credentials.entries()) {
        const prior = c.externalId ? held.get(c.externalId) : undefined;
        if (prior) {
          let status: SavedNested["status"] = "held";
          if (prior.learnerRecordId === null) {
            await tx
              .update(credentials)
              .set({ learnerRecordId: recordId, learnerRecordIndex: index, updatedAt: new Date() })
              .where(and(eq(credentials.id, prior.id), eq(credentials.userId, userId)));
            prior.learnerRecordId = recordId;
            status = "linked";
          }
          saved.push({ index, id: prior.id, shareSlug: prior.shareSlug, status });
          continue;
        }
        const twin = c.externalId ? filed.get(c.externalId) : undefined;
        if (twin) {
          saved.push({ ...twin, index });
          continue;
        }
        const row = await writeCredential(tx, userId, { ...c, file: null, learnerRecord: { id: recordId, index } });
        const entry: SavedNested = { index, id: row.id, shareSlug: row.shareSlug, status: "new" };
        if (c.externalId) filed.set(c.externalId, entry);
        saved.push(entry);
      }
      if (beforeCommit) await beforeCommit(tx, recordId);
      return { id: recordId, credentials: saved };
    });
  } catch (e) {
    const info = pgErrorInfo(e);
    if (info.code === "23505" && (!info.constraint || /learner_records_user_/.test(info.constraint))) {
      // Lost a race with a concurrent import of the same record.
      const again = await findRecordDuplicate(db, userId, {
        externalId: input.externalId,
        fileSha256: input.file?.sha256,
      });
      if (again) throw new DuplicateCredentialError(again);
    }
    throw e;
  }
}

const cardColumns = {
  id: learnerRecords.id,
  title: learnerRecords.title,
  issuerName: learnerRecords.issuerName,
  issuedOn: learnerRecords.issuedOn,
  createdAt: learnerRecords.createdAt,
  verificationResult: learnerRecords.verificationResult,
  verification: learnerRecords.verification,
  expires: learnerRecords.expires,
  achievementCount: sql<number>`jsonb_array_length(${learnerRecords.achievements})::int`,
  // Spelled out: without a join drizzle leaves the outer columns unqualified, and inside
  // this subquery a bare "id" would be the credential's own.
  credentialCount: sql<number>`(select count(*)::int from ${credentials} c
    where c.learner_record_id = "learner_records"."id" and c.user_id = "learner_records"."user_id")`,
};

/** The learner's records, newest first. */
export async function listLearnerRecords(db: Db, userId: string): Promise<LearnerRecordCard[]> {
  const rows = await db
    .select(cardColumns)
    .from(learnerRecords)
    .where(eq(learnerRecords.userId, userId))
    .orderBy(desc(learnerRecords.createdAt), desc(learnerRecords.id));
  return rows.map((r) => ({
    ...r,
    achievementCount: Number(r.achievementCount),
    credentialCount: Number(r.credentialCount),
  }));
}

export async function getLearnerRecord(db: Db, userId: string, id: string): Promise<LearnerRecordDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      ...cardColumns,
      origin: learnerRecords.origin,
      spec: learnerRecords.spec,
      externalId: learnerRecords.externalId,
      description: learnerRecords.description,
      issuerTitle: learnerRecords.issuerTitle,
      issuerUrl: learnerRecords.issuerUrl,
      imageUrl: learnerRecords.imageUrl,
      expires: learnerRecords.expires,
      achievements: learnerRecords.achievements,
      associations: learnerRecords.associations,
      verification: learnerRecords.verification,
      verifiedAt: learnerRecords.verifiedAt,
      fileMime: credentialFiles.mimeType,
      fileSize: credentialFiles.size,
    })
    .from(learnerRecords)
    .leftJoin(credentialFiles, and(eq(credentialFiles.id, learnerRecords.fileId), eq(credentialFiles.userId, userId)))
    .where(and(eq(learnerRecords.id, id), eq(learnerRecords.userId, userId)));
  if (!row) return null;
  const nested = await db
    .select({
      id: credentials.id,
      index: credentials.learnerRecordIndex,
      title: credentials.title,
      verificationResult: credentials.verificationResult,
      verification: credentials.verification,
      expires: credentials.expires,
    })
    .from(credentials)
    .where(and(eq(credentials.userId, userId), eq(credentials.learnerRecordId, id)))
    .orderBy(asc(credentials.learnerRecordIndex), asc(credentials.createdAt));
  const { fileMime, fileSize, ...rest } = row;
  return {
    ...rest,
    achievementCount: Number(rest.achievementCount),
    credentialCount: Number(rest.credentialCount),
    achievements: (rest.achievements as ClrAchievementEntry[] | null) ?? [],
    associations: (rest.associations as ClrAssociation[] | null) ?? [],
    verification: (rest.verification as VerificationReport | null) ?? null,
    file: fileMime ? { mimeType: fileMime, size: fileSize ?? 0 } : null,
    credentials: nested,
  };
}

/**
 * The record's original, byte for byte: the uploaded file (baked image, .json or
 * .jwt) when there was one, else the payload as found (URL or paste).
 */
export async function getLearnerRecordFile(
  db: Db,
  userId: string,
  id: string,
): Promise<{ bytes: Uint8Array; mimeType: string; title: string } | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      raw: learnerRecords.raw,
      title: learnerRecords.title,
      b64: sql<string | null>`encode(${credentialFiles.bytes}, 'base64')`,
      mimeType: credentialFiles.mimeType,
    })
    .from(learnerRecords)
    .leftJoin(credentialFiles, and(eq(credentialFiles.id, learnerRecords.fileId), eq(credentialFiles.userId, userId)))
    .where(and(eq(learnerRecords.id, id), eq(learnerRecords.userId, userId)));
  if (!row) return null;
  const file = byteaOut(row.b64);
  if (file && row.mimeType) return { bytes: file, mimeType: row.mimeType, title: row.title };
  const raw = row.raw;
  return {
    bytes: new TextEncoder().encode(raw),
    mimeType: raw.trimStart().startsWith("{") ? "application/json" : "application/jwt",
    title: row.title,
  };
}

/**
 * Deletes a learner record and its original file in one transaction. With
 * `keepCredentials` its credentials stay in the wallet on their own (no longer
 * "part of" anything); without, they go too, with their files and skills.
 * Returns the ids of the record's credentials and the share slugs of those deleted, or null when not found.
 */
export async function deleteLearnerRecord(
  db: Db,
  userId: string,
  id: string,
  opts: { keepCredentials: boolean },
): Promise<{ deletedShareSlugs: string[]; credentialIds: string[] } | null> {
  if (!isUuid(id)) return null;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    // Lock the record first so a concurrent import can't link a credential to it mid-delete.
    const [rec] = await tx
      .select({ id: learnerRecords.id, fileId: learnerRecords.fileId })
      .from(learnerRecords)
      .where(and(eq(learnerRecords.id, id), eq(learnerRecords.userId, userId)))
      .for("update");
    if (!rec) return null;
    const deletedShareSlugs: string[] = [];
    const credentialIds: string[] = [];
    const owned = and(eq(credentials.learnerRecordId, id), eq(credentials.userId, userId));
    if (opts.keepCredentials) {
      const kept = await tx
        .update(credentials)
        .set({ learnerRecordId: null, learnerRecordIndex: null, updatedAt: new Date() })
        .where(owned)
        .returning({ id: credentials.id });
      credentialIds.push(...kept.map((k) => k.id));
    } else {
      const gone = await tx
        .delete(credentials)
        .where(owned)
        .returning({ id: credentials.id, shareSlug: credentials.shareSlug, fileId: credentials.fileId });
      deletedShareSlugs.push(...gone.map((g) => g.shareSlug));
      credentialIds.push(...gone.map((g) => g.id));
      const fileIds = gone.map((g) => g.fileId).filter((x): x is string => !!x);
      if (fileIds.length) {
        await tx
          .delete(credentialFiles)
          .where(and(inArray(credentialFiles.id, fileIds), eq(credentialFiles.userId, userId)));
      }
    }
    await tx.delete(learnerRecords).where(and(eq(learnerRecords.id, id), eq(learnerRecords.userId, userId)));
    if (rec.fileId) {
      await tx
        .delete(credentialFiles)
        .where(and(eq(credentialFiles.id, rec.fileId), eq(credentialFiles.userId, userId)));
    }
    return { deletedShareSlugs, credentialIds };
  });
}
