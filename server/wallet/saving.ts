// Submit (split from server/wallet/import.ts): a staged import saved as a
// credential from the staged, server-derived copy, never from client-sent badge
// data, through the one import service (server/wallet/ingest.ts).
import { deleteUpload, getUpload, getUploadBytes } from "@/db/queries/uploads";
import { WALLET_MESSAGES } from "@/lib/wallet/rules";
import { WalletError } from "./errors";
import { nowOf, validateEdits } from "./fields";
import { credentialRow, publicCopy, saveCredential } from "./ingest";
import { walletQuota } from "./quota";
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
  const row = credentialRow(record, { origin: up.origin as ImportOrigin, ...clean, verification });
  // The bytes move from the staging row inside the database, hash re-checked there.
  const file =
    up.sha256 && up.mimeType
      ? {
          fromUploadId: up.id,
          sha256: up.sha256,
          mimeType: up.mimeType,
          publicImage: await publicCopy(record, up.mimeType, () => getUploadBytes(ctx.db, ctx.user.id, up.id)),
        }
      : null;
  return saveCredential(
    ctx,
    { ...row, file },
    { beforeCommit: (tx) => deleteUpload(tx, ctx.user.id, uploadId), quota: walletQuota() },
  );
}
