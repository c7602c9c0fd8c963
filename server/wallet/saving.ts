// Submit (split from server/wallet/import.ts): a staged import saved as a
// credential from the staged, server-derived copy, never from client-sent badge data.
import { StagedFileMissingError, QuotaExceededError, type NewCredential } from "@/db/queries/credentials";
import { deleteUpload, getUpload, getUploadBytes } from "@/db/queries/uploads";
import type { BadgeRecord } from "@/lib/badges/types";
import { WALLET_MESSAGES } from "@/lib/wallet/rules";
import { toPublicImage } from "@/lib/share/image";
import { insertCredential } from "./credentials";
import { achievementColumns } from "./achievements";
import { WalletError } from "./errors";
import { credentialFields, nowOf, validateEdits } from "./fields";
import { quotaMessage, walletQuota } from "./quota";
import { runVerification } from "./verification";
import type { CredentialEdits, ImportOrigin, WalletContext } from "./types";

/**
 * Submit: saves the staged import with the learner's title, description and
 * skills. Issuer, dates, criteria, ids and verification come from the staged,
 * server-derived record. Credential, file and skills land in one transaction
 * with the staging row's removal. Throws DuplicateCredentialError or WalletError.
 */
export async function saveStaged(
  ctx: WalletContext,
  uploadId: string,
  edits: CredentialEdits,
): Promise<{ id: string; shareSlug: string }> {
  const clean = validateEdits(edits);
  const up = await getUpload(ctx.db, ctx.user.id, uploadId, nowOf(ctx));
  if (!up) throw new WalletError("NOT_FOUND", WALLET_MESSAGES.uploadExpired);
  const record = up.record;
  if (record?.spec === "clr2") throw new WalletError("INVALID_INPUT", WALLET_MESSAGES.recordNotCredential);
  const verification = up.verification ?? (await runVerification(ctx, record));
  const input: NewCredential = {
    ...credentialFields(record),
    origin: up.origin as ImportOrigin,
    title: clean.title,
    description: clean.description,
    record,
    raw: record?.raw ?? null,
    // Issue #13: the achievement type, results, evidence and endorsements the pages show.
    ...achievementColumns(record),
    verification,
    // The bytes move from the staging row inside the database, hash re-checked there.
    file:
      up.sha256 && up.mimeType
        ? {
            fromUploadId: up.id,
            sha256: up.sha256,
            mimeType: up.mimeType,
            publicImage: await publicImageOf(ctx, up.id, up.mimeType, record, up.origin),
          }
        : null,
    skills: clean.skills,
  };
  try {
    return await insertCredential(
      ctx.db,
      ctx.user.id,
      input,
      (tx) => deleteUpload(tx, ctx.user.id, uploadId),
      walletQuota(),
    );
  } catch (e) {
    if (e instanceof StagedFileMissingError) throw new WalletError("NOT_FOUND", WALLET_MESSAGES.uploadExpired);
    if (e instanceof QuotaExceededError) throw new WalletError("QUOTA_EXCEEDED", quotaMessage(e));
    throw e;
  }
}

/**
 * The image a share page may show for a file without badge data, re-encoded
 * once here at save time (never per public request); a baked badge is served as
 * issued, so it needs none. Null when the image can't be shown.
 */
async function publicImageOf(
  ctx: WalletContext,
  uploadId: string,
  mimeType: string,
  record: BadgeRecord | null,
  origin: string,
): Promise<{ bytes: Uint8Array; mimeType: string } | null> {
  const baked = origin === "upload" && !!record?.spec && record.source?.container != null;
  if (baked || mimeType !== "image/png") return null;
  const bytes = await getUploadBytes(ctx.db, ctx.user.id, uploadId);
  if (!bytes) return null;
  const img = toPublicImage({ mime: mimeType, bytes, baked: false });
  return img ? { bytes: img.bytes, mimeType: img.mime } : null;
}
