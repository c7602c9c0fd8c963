// Named queries for public share links (issue #7). Public reads go by slug and
// only ever see an enabled link; the learner's controls go by (user, credential)
// so another learner's id finds nothing.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { credentialFiles, credentials, credentialSkills, users } from "../schema";
import type { SharedCredentialRow } from "@/lib/share/types";
import { toDate } from "./sql";
import { listSharedRecordSlugs } from "./portfolio";

/** The shared credential behind an enabled link, or null (unknown, disabled or deleted). */
export async function getSharedCredential(db: Db, slug: string): Promise<SharedCredentialRow | null> {
  const rows = await db
    .select({
      id: credentials.id,
      userId: credentials.userId,
      slug: credentials.shareSlug,
      indexable: credentials.shareIndexable,
      learnerName: users.name,
      section: credentials.section,
      origin: credentials.origin,
      spec: credentials.spec,
      externalId: credentials.externalId,
      title: credentials.title,
      description: credentials.description,
      criteriaNarrative: credentials.criteriaNarrative,
      criteriaUrl: credentials.criteriaUrl,
      issuerName: credentials.issuerName,
      issuerUrl: credentials.issuerUrl,
      issuerImage: credentials.issuerImage,
      imageUrl: credentials.imageUrl,
      issuedOn: credentials.issuedOn,
      expires: credentials.expires,
      fileId: credentials.fileId,
      fileMimeType: credentialFiles.mimeType,
      record: credentials.record,
      raw: credentials.raw,
      verification: credentials.verification,
      details: credentials.details,
      issuerTitle: credentials.issuerTitle,
      issuerDescription: credentials.issuerDescription,
      shareDownloadShowsAddress: credentials.shareDownloadShowsAddress,
      updatedAt: credentials.updatedAt,
    })
    .from(credentials)
    .innerJoin(users, eq(users.id, credentials.userId))
    .leftJoin(
      credentialFiles,
      and(eq(credentialFiles.id, credentials.fileId), eq(credentialFiles.userId, credentials.userId)),
    )
    // A learner an admin disabled has no public pages until enabled (issue #21 §4).
    .where(and(eq(credentials.shareSlug, slug), eq(credentials.shareEnabled, true), eq(users.disabled, false)))
    .limit(1);
  const r = rows[0];
  if (!r) return null;
  const skillRows = await db
    .select({ name: credentialSkills.name })
    .from(credentialSkills)
    .where(and(eq(credentialSkills.credentialId, r.id), eq(credentialSkills.userId, r.userId)))
    .orderBy(asc(credentialSkills.position));
  const { id: _id, userId: _userId, fileId, ...rest } = r;
  return {
    ...rest,
    issuedOn: toDate(r.issuedOn),
    expires: toDate(r.expires),
    updatedAt: toDate(r.updatedAt) ?? new Date(0),
    hasFile: !!fileId && !!r.fileMimeType,
    skills: skillRows.map((s) => s.name),
  };
}

export interface SharedFileRow {
  fileId: string;
  mimeType: string;
  bytes: Uint8Array;
  publicBytes: Uint8Array | null;
  publicMimeType: string | null;
  /** The credential was imported from this file's baked data (so the file is the badge as issued). */
  baked: boolean;
  title: string;
  /** The issuer's title (download file name), when the badge data gave one. */
  issuerTitle: string | null;
  /** The ParsedCredential (jsonb): read for its recipient, to decide whether the baked file may be downloaded publicly. */
  record: unknown;
  downloadShowsAddress: boolean;
}

/** The stored image behind an enabled link. */
export async function getSharedFile(db: Db, slug: string): Promise<SharedFileRow | null> {
  const rows = await db
    .select({
      fileId: credentialFiles.id,
      mimeType: credentialFiles.mimeType,
      bytes: credentialFiles.bytes,
      publicBytes: credentialFiles.publicBytes,
      publicMimeType: credentialFiles.publicMimeType,
      origin: credentials.origin,
      spec: credentials.spec,
      record: credentials.record,
      title: credentials.title,
      issuerTitle: credentials.issuerTitle,
      downloadShowsAddress: credentials.shareDownloadShowsAddress,
    })
    .from(credentials)
    .innerJoin(
      credentialFiles,
      and(eq(credentialFiles.id, credentials.fileId), eq(credentialFiles.userId, credentials.userId)),
    )
    .innerJoin(users, eq(users.id, credentials.userId))
    .where(and(eq(credentials.shareSlug, slug), eq(credentials.shareEnabled, true), eq(users.disabled, false)))
    .limit(1);
  const r = rows[0];
  if (!r) return null;
  const source = (r.record as { source?: { container?: unknown } } | null)?.source;
  // Baked = uploaded file whose badge data produced this record (OB 2.0 Baking / OB 3.0 §5.3).
  const baked = r.origin === "upload" && !!r.spec && !!source && source.container != null;
  return {
    fileId: r.fileId,
    mimeType: r.mimeType,
    bytes: r.bytes,
    publicBytes: r.publicBytes,
    publicMimeType: r.publicMimeType,
    baked,
    title: r.title,
    issuerTitle: r.issuerTitle,
    record: r.record,
    downloadShowsAddress: r.downloadShowsAddress,
  };
}

/** Keep the metadata-free copy so it's re-encoded once, not per request. */
export async function savePublicBytes(db: Db, fileId: string, bytes: Uint8Array, mimeType: string): Promise<void> {
  await db
    .update(credentialFiles)
    .set({ publicBytes: bytes, publicMimeType: mimeType })
    .where(and(eq(credentialFiles.id, fileId), isNull(credentialFiles.publicBytes)));
}

// ---- The learner's controls -------------------------------------------------------

export interface ShareSettings {
  slug: string;
  enabled: boolean;
  indexable: boolean;
}

const settingsColumns = {
  slug: credentials.shareSlug,
  enabled: credentials.shareEnabled,
  indexable: credentials.shareIndexable,
};

export async function getShareSettings(db: Db, userId: string, credentialId: string): Promise<ShareSettings | null> {
  const rows = await db
    .select(settingsColumns)
    .from(credentials)
    .where(and(eq(credentials.id, credentialId), eq(credentials.userId, userId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function setShareEnabled(
  db: Db,
  userId: string,
  credentialId: string,
  enabled: boolean,
): Promise<ShareSettings | null> {
  const rows = await db
    .update(credentials)
    .set({ shareEnabled: enabled })
    .where(and(eq(credentials.id, credentialId), eq(credentials.userId, userId)))
    .returning(settingsColumns);
  return rows[0] ?? null;
}

export async function setShareIndexable(
  db: Db,
  userId: string,
  credentialId: string,
  indexable: boolean,
): Promise<ShareSettings | null> {
  const rows = await db
    .update(credentials)
    .set({ shareIndexable: indexable })
    .where(and(eq(credentials.id, credentialId), eq(credentials.userId, userId)))
    .returning(settingsColumns);
  return rows[0] ?? null;
}

/** Replaces the link's slug with `newSlug` (made by the caller); the old one stops resolving in the same statement. */
export async function replaceShareSlug(
  db: Db,
  userId: string,
  credentialId: string,
  newSlug: string,
): Promise<{ oldSlug: string; settings: ShareSettings } | null> {
  const before = await getShareSettings(db, userId, credentialId);
  if (!before) return null;
  const rows = await db
    .update(credentials)
    .set({ shareSlug: newSlug })
    .where(
      and(eq(credentials.id, credentialId), eq(credentials.userId, userId), eq(credentials.shareSlug, before.slug)),
    )
    .returning(settingsColumns);
  const after = rows[0];
  return after ? { oldSlug: before.slug, settings: after } : null;
}

/** The learner's choice to let "Download badge" serve the baked file that shows the address it was issued to (issue #11 §5). */
export async function setShareDownloadShowsAddress(
  db: Db,
  userId: string,
  credentialId: string,
  on: boolean,
): Promise<{ slug: string; on: boolean } | null> {
  const rows = await db
    .update(credentials)
    .set({ shareDownloadShowsAddress: on })
    .where(and(eq(credentials.id, credentialId), eq(credentials.userId, userId)))
    .returning({ slug: credentials.shareSlug, on: credentials.shareDownloadShowsAddress });
  return rows[0] ?? null;
}

/** Every slug shared right now (the share cache's index of links that may be live): credentials' and portfolio pages'. */
export async function listSharedSlugs(db: Db): Promise<string[]> {
  const rows = await db
    .select({ slug: credentials.shareSlug })
    .from(credentials)
    .where(eq(credentials.shareEnabled, true));
  return [...rows.map((r) => r.slug), ...(await listSharedRecordSlugs(db))];
}
