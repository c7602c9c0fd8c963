// Named queries for staged imports (issue #6): what an upload, URL or paste
// produced, kept server-side between step 1 and Submit. Each takes the
// signed-in learner's id; another learner's upload id finds nothing.
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { credentialUploads } from "../schema";
import type { ParsedCredential } from "@/lib/badges/types";
import { AppError } from "@/lib/errors";
import type { VerificationReport } from "@/lib/badges/verify/types";
import type { NewCredentialFile } from "./credential-types";
import { byteaIn, byteaOut, isUuid, pgErrorInfo } from "./sql";

export interface StagedUpload {
  id: string;
  origin: string;
  mimeType: string | null;
  sha256: string | null;
  size: number | null;
  record: ParsedCredential | null;
  verification: VerificationReport | null;
  expiresAt: Date;
}

export async function insertUpload(
  db: Db,
  userId: string,
  input: {
    origin: "upload" | "url" | "paste" | "manual";
    file: NewCredentialFile | null;
    record: ParsedCredential | null;
    verification?: VerificationReport | null;
    expiresAt: Date;
  },
): Promise<{ id: string }> {
  try {
    return await insertUploadRow(db, userId, input);
  } catch (e) {
    throw new UploadStagingError(e);
  }
}

/**
 * A failed staging insert, with the database's own reason but never the
 * statement's parameters: drizzle's error text carries every one, and for an
 * upload that is the whole file as b64 (issue #12 §2: staged bytes never logged).
 * No `cause` is kept, so no logger can print it either.
 */
export class UploadStagingError extends AppError {
  declare readonly code: "UPLOAD_STAGING_FAILED";
  readonly sqlState?: string;
  constructor(e: unknown) {
    const info = pgErrorInfo(e);
    let reason = "unknown error";
    for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
      const m = (cur as { message?: unknown }).message;
      if (typeof m === "string" && !m.startsWith("Failed query")) {
        reason = m.slice(0, 300);
        break;
      }
      cur = (cur as { cause?: unknown }).cause;
    }
    super("UPLOAD_STAGING_FAILED", `staging an upload failed${info.code ? ` (SQLSTATE ${info.code})` : ""}: ${reason}`);
    this.name = "UploadStagingError";
    this.sqlState = info.code;
  }
}

async function insertUploadRow(
  db: Db,
  userId: string,
  input: Parameters<typeof insertUpload>[2],
): Promise<{ id: string }> {
  const [row] = await db
    .insert(credentialUploads)
    .values({
      userId,
      origin: input.origin,
      mimeType: input.file?.mimeType ?? null,
      sha256: input.file?.sha256 ?? null,
      size: input.file?.bytes.byteLength ?? null,
      bytes: input.file ? byteaIn(input.file.bytes) : null,
      record: input.record,
      verification: input.verification ?? null,
      expiresAt: input.expiresAt,
    })
    .returning({ id: credentialUploads.id });
  return row!;
}

/** A live (unexpired) staged import of this learner, without its bytes. */
export async function getUpload(db: Db, userId: string, id: string, now = new Date()): Promise<StagedUpload | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: credentialUploads.id,
      origin: credentialUploads.origin,
      mimeType: credentialUploads.mimeType,
      sha256: credentialUploads.sha256,
      size: credentialUploads.size,
      record: credentialUploads.record,
      verification: credentialUploads.verification,
      expiresAt: credentialUploads.expiresAt,
    })
    .from(credentialUploads)
    .where(and(eq(credentialUploads.id, id), eq(credentialUploads.userId, userId)));
  if (!row || row.expiresAt <= now) return null;
  return {
    ...row,
    record: (row.record as ParsedCredential | null) ?? null,
    verification: (row.verification as VerificationReport | null) ?? null,
  };
}

export async function getUploadBytes(db: Db, userId: string, id: string): Promise<Uint8Array | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ b64: sql<string | null>`encode(${credentialUploads.bytes}, 'base64')` })
    .from(credentialUploads)
    .where(and(eq(credentialUploads.id, id), eq(credentialUploads.userId, userId)));
  return row ? byteaOut(row.b64) : null;
}

export async function setUploadVerification(
  db: Db,
  userId: string,
  id: string,
  report: VerificationReport,
): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .update(credentialUploads)
    .set({ verification: report })
    .where(and(eq(credentialUploads.id, id), eq(credentialUploads.userId, userId)))
    .returning({ id: credentialUploads.id });
  return rows.length > 0;
}

export async function deleteUpload(db: Db, userId: string, id: string): Promise<void> {
  if (!isUuid(id)) return;
  await db.delete(credentialUploads).where(and(eq(credentialUploads.id, id), eq(credentialUploads.userId, userId)));
}

/** Removes every learner's expired staging rows (housekeeping; holds no one's live data). */
export async function sweepExpiredUploads(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .delete(credentialUploads)
    .where(lt(credentialUploads.expiresAt, now))
    .returning({ id: credentialUploads.id });
  return rows.length;
}
