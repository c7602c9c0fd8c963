// Named queries for the wallet (issue #6). Every function takes the signed-in
// learner's id and filters by it: another learner's ids simply find nothing.
import { and, asc, desc, eq, ilike, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { credentialFiles, credentials, credentialSkills, credentialUploads, learnerRecords, skills } from "../schema";
import type { ParsedCredential } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify/types";
import type { CredentialSkill, DuplicateRef, WalletCardRow, WalletFilter } from "@/lib/wallet/types";
import { byteaIn, byteaOut, escapeLike, isUuid, pgErrorInfo, rowsOf } from "./sql";
import type { CredentialDetail, NewCredential, WalletQuota } from "./credential-types";
import { DuplicateCredentialError, StagedFileMissingError } from "./credential-errors";
import { enforceQuota } from "./credential-quota";

// Split by concern (issue #19 §6): the shapes in ./credential-types, the errors in
// ./credential-errors and the quota rule in ./credential-quota; re-exported here
// so the callers of this module keep their imports.
export type {
  CredentialDetail,
  CredentialFields,
  NewCredential,
  NewCredentialFile,
  StagedFileRef,
  WalletQuota,
} from "./credential-types";
export { DuplicateCredentialError, QuotaExceededError, StagedFileMissingError } from "./credential-errors";
export { enforceQuota } from "./credential-quota";

// ---- Reads ---------------------------------------------------------------------

async function skillsFor(db: Db, userId: string, credentialIds: string[]): Promise<Map<string, CredentialSkill[]>> {
  const out = new Map<string, CredentialSkill[]>();
  if (!credentialIds.length) return out;
  const rows = await db
    .select({
      credentialId: credentialSkills.credentialId,
      name: credentialSkills.name,
      skillKey: credentialSkills.skillKey,
      skillId: credentialSkills.skillId,
    })
    .from(credentialSkills)
    .where(and(eq(credentialSkills.userId, userId), inArray(credentialSkills.credentialId, credentialIds)))
    .orderBy(asc(credentialSkills.credentialId), asc(credentialSkills.position));
  for (const r of rows) {
    const list = out.get(r.credentialId) ?? [];
    list.push({ name: r.name, skillKey: r.skillKey, skillId: r.skillId });
    out.set(r.credentialId, list);
  }
  return out;
}

/** The learner record (CLR 2.0) a credential came in, if it is still in the wallet. */
const partOfJoin = (userId: string) =>
  and(eq(learnerRecords.id, credentials.learnerRecordId), eq(learnerRecords.userId, userId));

/**
 * The learner's cards, newest first, optionally filtered by title text and skill key, with the raw
 * verification columns: what a card says is decided in lib/trust/status.ts, not here.
 */
export async function listWalletCredentials(
  db: Db,
  userId: string,
  filter: WalletFilter = {},
): Promise<WalletCardRow[]> {
  const conds = [eq(credentials.userId, userId)];
  const q = filter.q?.trim();
  if (q) conds.push(ilike(credentials.title, `%${escapeLike(q)}%`));
  if (filter.skill) {
    conds.push(
      sql`exists (select 1 from ${credentialSkills} cs where cs.credential_id = ${credentials.id} and cs.user_id = ${userId} and cs.skill_key = ${filter.skill})`,
    );
  }
  const rows = await db
    .select({
      id: credentials.id,
      section: credentials.section,
      title: credentials.title,
      issuerName: credentials.issuerName,
      issuedOn: credentials.issuedOn,
      createdAt: credentials.createdAt,
      fileId: credentials.fileId,
      imageUrl: credentials.imageUrl,
      verificationResult: credentials.verificationResult,
      verification: credentials.verification,
      expires: credentials.expires,
      partOfId: learnerRecords.id,
      partOfTitle: learnerRecords.title,
    })
    .from(credentials)
    .leftJoin(learnerRecords, partOfJoin(userId))
    .where(and(...conds))
    .orderBy(desc(credentials.createdAt), desc(credentials.id));
  const skillMap = await skillsFor(
    db,
    userId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    section: r.section,
    title: r.title,
    issuerName: r.issuerName,
    issuedOn: r.issuedOn,
    createdAt: r.createdAt,
    hasFile: r.fileId !== null,
    imageUrl: r.imageUrl,
    verificationResult: r.verificationResult,
    verification: r.verification,
    expires: r.expires,
    skills: skillMap.get(r.id) ?? [],
    partOf: r.partOfId && r.partOfTitle !== null ? { id: r.partOfId, title: r.partOfTitle } : null,
  }));
}

/** Distinct skills across the learner's credentials, for the filter. */
export async function listWalletSkills(
  db: Db,
  userId: string,
): Promise<Array<{ skillKey: string; name: string; count: number }>> {
  const rows = await db
    .select({
      skillKey: credentialSkills.skillKey,
      name: sql<string>`min(${credentialSkills.name})`,
      count: sql<number>`count(*)::int`,
    })
    .from(credentialSkills)
    .where(eq(credentialSkills.userId, userId))
    .groupBy(credentialSkills.skillKey)
    .orderBy(sql`lower(min(${credentialSkills.name}))`);
  return rows.map((r) => ({ skillKey: r.skillKey, name: r.name, count: Number(r.count) }));
}

export async function countWalletCredentials(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(credentials)
    .where(eq(credentials.userId, userId));
  return Number(row?.n ?? 0);
}

export async function getCredential(db: Db, userId: string, id: string): Promise<CredentialDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      c: credentials,
      fileMime: credentialFiles.mimeType,
      fileSize: credentialFiles.size,
      fileSha: credentialFiles.sha256,
      partOfId: learnerRecords.id,
      partOfTitle: learnerRecords.title,
    })
    .from(credentials)
    .leftJoin(credentialFiles, and(eq(credentialFiles.id, credentials.fileId), eq(credentialFiles.userId, userId)))
    .leftJoin(learnerRecords, partOfJoin(userId))
    .where(and(eq(credentials.id, id), eq(credentials.userId, userId)));
  if (!row) return null;
  const c = row.c;
  const skillMap = await skillsFor(db, userId, [c.id]);
  return {
    id: c.id,
    section: c.section,
    origin: c.origin,
    spec: c.spec,
    externalId: c.externalId,
    title: c.title,
    description: c.description,
    criteriaNarrative: c.criteriaNarrative,
    criteriaUrl: c.criteriaUrl,
    issuerName: c.issuerName,
    issuerUrl: c.issuerUrl,
    issuerImage: c.issuerImage,
    imageUrl: c.imageUrl,
    issuedOn: c.issuedOn,
    expires: c.expires,
    file:
      c.fileId && row.fileMime
        ? { id: c.fileId, mimeType: row.fileMime, size: row.fileSize ?? 0, sha256: row.fileSha ?? "" }
        : null,
    record: (c.record as ParsedCredential | null) ?? null,
    raw: c.raw,
    verification: (c.verification as VerificationReport | null) ?? null,
    verificationResult: c.verificationResult,
    verifiedAt: c.verifiedAt,
    shareSlug: c.shareSlug,
    shareEnabled: c.shareEnabled,
    shareIndexable: c.shareIndexable,
    issuerTitle: c.issuerTitle,
    issuerDescription: c.issuerDescription,
    shareDownloadShowsAddress: c.shareDownloadShowsAddress,
    statusNotice: c.statusNotice,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    achievementType: c.achievementType,
    details: c.details,
    skills: skillMap.get(c.id) ?? [],
    partOf: row.partOfId && row.partOfTitle !== null ? { id: row.partOfId, title: row.partOfTitle } : null,
  };
}

/** The original upload of one of the learner's credentials, byte for byte. */
export async function getCredentialFile(
  db: Db,
  userId: string,
  credentialId: string,
): Promise<{ bytes: Uint8Array; mimeType: string; sha256: string; title: string } | null> {
  if (!isUuid(credentialId)) return null;
  const [row] = await db
    .select({
      b64: sql<string>`encode(${credentialFiles.bytes}, 'base64')`,
      mimeType: credentialFiles.mimeType,
      sha256: credentialFiles.sha256,
      title: credentials.title,
    })
    .from(credentials)
    .innerJoin(credentialFiles, eq(credentialFiles.id, credentials.fileId))
    .where(and(eq(credentials.id, credentialId), eq(credentials.userId, userId), eq(credentialFiles.userId, userId)));
  if (!row) return null;
  return { bytes: byteaOut(row.b64)!, mimeType: row.mimeType, sha256: row.sha256, title: row.title };
}

/** The learner's credential with the same external id or the same file bytes, if any. */
export async function findDuplicate(
  db: Db,
  userId: string,
  by: { externalId?: string | null; fileSha256?: string | null },
): Promise<DuplicateRef | null> {
  const ors = [];
  if (by.externalId) ors.push(eq(credentials.externalId, by.externalId));
  if (by.fileSha256) ors.push(eq(credentials.fileSha256, by.fileSha256));
  if (!ors.length) return null;
  const [row] = await db
    .select({ id: credentials.id, title: credentials.title })
    .from(credentials)
    .where(and(eq(credentials.userId, userId), ors.length === 1 ? ors[0] : sql`(${ors[0]} or ${ors[1]})`))
    .limit(1);
  return row ?? null;
}

// ---- Writes --------------------------------------------------------------------

/** Keeps the first of each skill key, and drops library ids the skills table doesn't hold (the key stays). */
async function prepareSkills(tx: Db, list: CredentialSkill[]): Promise<CredentialSkill[]> {
  const seen = new Set<string>();
  const unique = list.filter((s) => {
    if (!s.skillKey || seen.has(s.skillKey)) return false;
    seen.add(s.skillKey);
    return true;
  });
  const ids = [...new Set(unique.map((s) => s.skillId).filter((x): x is string => !!x))];
  const known = new Set<string>();
  if (ids.length) {
    for (const r of await tx.select({ id: skills.id }).from(skills).where(inArray(skills.id, ids))) known.add(r.id);
  }
  return unique.map((s) => ({ ...s, skillId: s.skillId && known.has(s.skillId) ? s.skillId : null }));
}

async function writeSkills(tx: Db, userId: string, credentialId: string, list: CredentialSkill[]): Promise<void> {
  const prepared = await prepareSkills(tx, list);
  if (!prepared.length) return;
  await tx.insert(credentialSkills).values(
    prepared.map((s, i) => ({
      credentialId,
      userId,
      position: i,
      name: s.name.slice(0, 200),
      skillId: s.skillId,
      skillKey: s.skillKey,
    })),
  );
}

/**
 * Saves a credential, its original file and its skills in one transaction:
 * either all of it lands or none. A duplicate (same external id or same file)
 * raises DuplicateCredentialError pointing at the one already held.
 * `beforeCommit` runs inside the transaction (the import service deletes the staging row there).
 * `input.shareSlug` is the new public link's slug (server/wallet/credentials.ts makes one).
 */
export async function insertCredential(
  db: Db,
  userId: string,
  input: NewCredential & { shareSlug: string },
  beforeCommit?: (tx: Db, credentialId: string) => Promise<void>,
  quota?: WalletQuota,
): Promise<{ id: string; shareSlug: string }> {
  const dup = await findDuplicate(db, userId, { externalId: input.externalId, fileSha256: input.file?.sha256 });
  if (dup) throw new DuplicateCredentialError(dup);
  try {
    return await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      if (quota) await enforceQuota(tx, userId, input.file, quota);
      const c = await writeCredential(tx, userId, input);
      if (beforeCommit) await beforeCommit(tx, c.id);
      return c;
    });
  } catch (e) {
    const info = pgErrorInfo(e);
    if (
      info.code === "23505" &&
      (!info.constraint || /credentials_user_(external|file_sha)_idx/.test(info.constraint))
    ) {
      // Lost a race with a concurrent import of the same credential.
      const again = await findDuplicate(db, userId, { externalId: input.externalId, fileSha256: input.file?.sha256 });
      if (again) throw new DuplicateCredentialError(again);
    }
    throw e;
  }
}

/** Stores an original file (a staged upload's bytes, copied in the database, or given bytes) inside the caller's transaction. */
export async function writeCredentialFile(tx: Db, userId: string, file: NewCredential["file"]): Promise<string | null> {
  if (file && "fromUploadId" in file) {
    // Copy the staged bytes, re-checking their SHA-256 in the database.
    const res = await tx.execute(sql`
        insert into ${credentialFiles} (user_id, sha256, mime_type, size, bytes)
        select u.user_id, u.sha256, u.mime_type, u.size, u.bytes from ${credentialUploads} u
        where u.id = ${file.fromUploadId} and u.user_id = ${userId} and u.bytes is not null
          and u.sha256 = ${file.sha256} and encode(sha256(u.bytes), 'hex') = u.sha256
        returning id`);
    const rows = rowsOf<{ id: string }>(res);
    if (!rows[0]) throw new StagedFileMissingError();
    const fileId = rows[0].id;
    const pub = file.publicImage;
    if (pub) {
      await tx
        .update(credentialFiles)
        .set({ publicBytes: byteaIn(pub.bytes), publicMimeType: pub.mimeType })
        .where(and(eq(credentialFiles.id, fileId), eq(credentialFiles.userId, userId)));
    }
    return fileId;
  } else if (file) {
    const [f] = await tx
      .insert(credentialFiles)
      .values({
        userId,
        sha256: file.sha256,
        mimeType: file.mimeType,
        size: file.bytes.byteLength,
        bytes: byteaIn(file.bytes),
      })
      .returning({ id: credentialFiles.id });
    return f!.id;
  }
  return null;
}

/**
 * The columns a credential takes from what its issuer sent and from its check (not the learner's own title,
 * description or skills): written when it is saved, and again when an API client upserts the same credential id
 * (db/queries/ims.ts).
 */
export function issuedColumns(input: Omit<NewCredential, "file">) {
  const v = input.verification;
  return {
    spec: input.spec,
    externalId: input.externalId,
    criteriaNarrative: input.criteriaNarrative,
    criteriaUrl: input.criteriaUrl,
    issuerName: input.issuerName,
    issuerUrl: input.issuerUrl,
    issuerImage: input.issuerImage,
    imageUrl: input.imageUrl,
    issuedOn: input.issuedOn,
    expires: input.expires,
    record: input.record,
    raw: input.raw,
    achievementType: input.achievementType ?? null,
    details: input.details ?? null,
    // The issuer's wording, kept apart from the learner's title/description (issue #11 §3).
    issuerTitle: input.record?.title ?? null,
    issuerDescription: input.record?.description ?? null,
    verification: v,
    verificationResult: v?.result ?? null,
    verifiedAt: v ? new Date(v.checkedAt) : null,
  };
}

/**
 * Writes one credential row, its file and its skills inside the caller's
 * transaction (insertCredential, and a learner record's nested credentials in
 * db/queries/records.ts). No duplicate or quota check of its own.
 */
export async function writeCredential(
  tx: Db,
  userId: string,
  input: NewCredential & { shareSlug: string },
): Promise<{ id: string; shareSlug: string }> {
  const fileId = await writeCredentialFile(tx, userId, input.file);
  const [c] = await tx
    .insert(credentials)
    .values({
      userId,
      section: "imported",
      origin: input.origin,
      title: input.title,
      description: input.description,
      ...issuedColumns(input),
      fileId,
      fileSha256: input.file?.sha256 ?? null,
      shareSlug: input.shareSlug,
      learnerRecordId: input.learnerRecord?.id ?? null,
      learnerRecordIndex: input.learnerRecord?.index ?? null,
    })
    .returning({ id: credentials.id, shareSlug: credentials.shareSlug });
  await writeSkills(tx, userId, c!.id, input.skills);
  return { id: c!.id, shareSlug: c!.shareSlug };
}

/** Edits the learner-owned fields. Returns the share slug to revalidate, or null when not found. */
export async function updateCredentialDetails(
  db: Db,
  userId: string,
  id: string,
  input: { title: string; description: string; skills: CredentialSkill[] },
): Promise<{ shareSlug: string } | null> {
  if (!isUuid(id)) return null;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .update(credentials)
      .set({ title: input.title, description: input.description, updatedAt: new Date() })
      .where(and(eq(credentials.id, id), eq(credentials.userId, userId)))
      .returning({ shareSlug: credentials.shareSlug });
    if (!row) return null;
    await tx
      .delete(credentialSkills)
      .where(and(eq(credentialSkills.credentialId, id), eq(credentialSkills.userId, userId)));
    await writeSkills(tx, userId, id, input.skills);
    return row;
  });
}

/** Stores a fresh verification report. Returns the share slug, or null when not found. */
export async function updateVerification(
  db: Db,
  userId: string,
  id: string,
  report: VerificationReport,
): Promise<{ shareSlug: string } | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .update(credentials)
    .set({
      verification: report,
      verificationResult: report.result,
      verifiedAt: new Date(report.checkedAt),
      updatedAt: new Date(),
    })
    .where(and(eq(credentials.id, id), eq(credentials.userId, userId)))
    .returning({ shareSlug: credentials.shareSlug });
  return row ?? null;
}

/** Deletes a credential with its file and skills. Returns the share slug it had, or null when not found. */
export async function deleteCredential(db: Db, userId: string, id: string): Promise<{ shareSlug: string } | null> {
  if (!isUuid(id)) return null;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .delete(credentials)
      .where(and(eq(credentials.id, id), eq(credentials.userId, userId)))
      .returning({ shareSlug: credentials.shareSlug, fileId: credentials.fileId });
    if (!row) return null;
    if (row.fileId) {
      await tx
        .delete(credentialFiles)
        .where(and(eq(credentialFiles.id, row.fileId), eq(credentialFiles.userId, userId)));
    }
    return { shareSlug: row.shareSlug };
  });
}
