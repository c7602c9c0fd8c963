// What the "Download everything" ZIP (issue #13 §6) reads, and what restoring one
// writes besides the credentials themselves. Filtered by the learner: another
// learner's rows never appear.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { credentialFiles, credentials, credentialSkills, learnerRecords } from "../schema";
import { byteaOut, toDate } from "./sql";

export interface ExportCredentialRow {
  id: string;
  origin: string;
  spec: string | null;
  externalId: string | null;
  title: string;
  description: string;
  issuerTitle: string | null;
  issuerDescription: string | null;
  issuerName: string | null;
  issuerUrl: string | null;
  issuedOn: Date | null;
  expires: Date | null;
  criteriaNarrative: string | null;
  criteriaUrl: string | null;
  raw: string | null;
  file: { mimeType: string; sha256: string; bytes: Uint8Array } | null;
  verificationResult: string | null;
  verifiedAt: Date | null;
  shareEnabled: boolean;
  shareIndexable: boolean;
  shareDownloadShowsAddress: boolean;
  learnerRecordId: string | null;
  learnerRecordIndex: number | null;
  createdAt: Date;
  skills: Array<{ name: string; skillKey: string; skillId: string | null }>;
}

export interface ExportLearnerRecordRow {
  id: string;
  origin: string;
  spec: string;
  externalId: string | null;
  title: string;
  description: string;
  issuerName: string | null;
  raw: string;
  file: { mimeType: string; sha256: string; bytes: Uint8Array } | null;
  verificationResult: string | null;
  createdAt: Date;
}

/** Every credential of the learner with its original file's bytes and its skills, oldest first. */
export async function listExportCredentials(db: Db, userId: string): Promise<ExportCredentialRow[]> {
  const rows = await db
    .select({
      c: credentials,
      fileMime: credentialFiles.mimeType,
      fileSha: credentialFiles.sha256,
      fileB64: sql<string | null>`encode(${credentialFiles.bytes}, 'base64')`,
    })
    .from(credentials)
    .leftJoin(credentialFiles, and(eq(credentialFiles.id, credentials.fileId), eq(credentialFiles.userId, userId)))
    .where(eq(credentials.userId, userId))
    .orderBy(asc(credentials.createdAt), asc(credentials.id));
  const skillRows = await db
    .select({
      credentialId: credentialSkills.credentialId,
      name: credentialSkills.name,
      skillKey: credentialSkills.skillKey,
      skillId: credentialSkills.skillId,
    })
    .from(credentialSkills)
    .where(eq(credentialSkills.userId, userId))
    .orderBy(asc(credentialSkills.credentialId), asc(credentialSkills.position));
  const skills = new Map<string, ExportCredentialRow["skills"]>();
  for (const s of skillRows) {
    const list = skills.get(s.credentialId) ?? [];
    list.push({ name: s.name, skillKey: s.skillKey, skillId: s.skillId });
    skills.set(s.credentialId, list);
  }
  return rows.map(({ c, fileMime, fileSha, fileB64 }) => ({
    id: c.id,
    origin: c.origin,
    spec: c.spec,
    externalId: c.externalId,
    title: c.title,
    description: c.description,
    issuerTitle: c.issuerTitle,
    issuerDescription: c.issuerDescription,
    issuerName: c.issuerName,
    issuerUrl: c.issuerUrl,
    issuedOn: toDate(c.issuedOn),
    expires: toDate(c.expires),
    criteriaNarrative: c.criteriaNarrative,
    criteriaUrl: c.criteriaUrl,
    raw: c.raw,
    file: fileB64 && fileMime && fileSha ? { mimeType: fileMime, sha256: fileSha, bytes: byteaOut(fileB64)! } : null,
    verificationResult: c.verificationResult,
    verifiedAt: toDate(c.verifiedAt),
    shareEnabled: c.shareEnabled,
    shareIndexable: c.shareIndexable,
    shareDownloadShowsAddress: c.shareDownloadShowsAddress,
    learnerRecordId: c.learnerRecordId,
    learnerRecordIndex: c.learnerRecordIndex,
    createdAt: toDate(c.createdAt) ?? new Date(0),
    skills: skills.get(c.id) ?? [],
  }));
}

/** Every learner record (CLR) of the learner with its original file's bytes, oldest first. */
export async function listExportLearnerRecords(db: Db, userId: string): Promise<ExportLearnerRecordRow[]> {
  const rows = await db
    .select({
      r: learnerRecords,
      fileMime: credentialFiles.mimeType,
      fileSha: credentialFiles.sha256,
      fileB64: sql<string | null>`encode(${credentialFiles.bytes}, 'base64')`,
    })
    .from(learnerRecords)
    .leftJoin(credentialFiles, and(eq(credentialFiles.id, learnerRecords.fileId), eq(credentialFiles.userId, userId)))
    .where(eq(learnerRecords.userId, userId))
    .orderBy(asc(learnerRecords.createdAt), asc(learnerRecords.id));
  return rows.map(({ r, fileMime, fileSha, fileB64 }) => ({
    id: r.id,
    origin: r.origin,
    spec: r.spec,
    externalId: r.externalId,
    title: r.title,
    description: r.description,
    issuerName: r.issuerName,
    raw: r.raw,
    file: fileB64 && fileMime && fileSha ? { mimeType: fileMime, sha256: fileSha, bytes: byteaOut(fileB64)! } : null,
    verificationResult: r.verificationResult,
    createdAt: toDate(r.createdAt) ?? new Date(0),
  }));
}

/** After a restore: the share choices and the date it was first added, as the export recorded them. */
export async function restoreCredentialState(
  db: Db,
  userId: string,
  credentialId: string,
  state: { shareEnabled: boolean; shareIndexable: boolean; shareDownloadShowsAddress: boolean; createdAt: Date | null },
): Promise<void> {
  await db
    .update(credentials)
    .set({
      shareEnabled: state.shareEnabled,
      shareIndexable: state.shareIndexable,
      shareDownloadShowsAddress: state.shareDownloadShowsAddress,
      ...(state.createdAt ? { createdAt: state.createdAt } : {}),
    })
    .where(and(eq(credentials.id, credentialId), eq(credentials.userId, userId)));
}

/** After a restore: the date a learner record was first added, as the export recorded it. */
export async function restoreLearnerRecordAddedAt(
  db: Db,
  userId: string,
  recordId: string,
  createdAt: Date | null,
): Promise<void> {
  if (!createdAt) return;
  await db
    .update(learnerRecords)
    .set({ createdAt })
    .where(and(eq(learnerRecords.id, recordId), eq(learnerRecords.userId, userId)));
}

/**
 * A typed-in credential (no badge data, no file) of the learner with the same title and
 * issuer: a restore counts it as already held, since such a credential has no id of its own.
 */
export async function findTypedInTwin(
  db: Db,
  userId: string,
  by: { title: string; issuerName: string | null },
): Promise<{ id: string } | null> {
  const [row] = await db
    .select({ id: credentials.id })
    .from(credentials)
    .where(
      and(
        eq(credentials.userId, userId),
        eq(credentials.origin, "manual"),
        sql`${credentials.fileId} is null`,
        eq(credentials.title, by.title),
        sql`${credentials.issuerName} is not distinct from ${by.issuerName}`,
      ),
    )
    .limit(1);
  return row ?? null;
}
