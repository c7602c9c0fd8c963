// The per-learner wallet quota, checked inside the save transaction (split
// from db/queries/credentials.ts).
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { credentialFiles, credentials, credentialUploads } from "../schema";
import type { NewCredential, WalletQuota } from "./credential-types";
import { QuotaExceededError } from "./credential-errors";
import { rowsOf } from "./sql";

/**
 * Locks the learner's row (so two saves of one learner take turns) and checks
 * the quota against what is committed. Runs inside the save transaction.
 */
export async function enforceQuota(
  tx: Db,
  userId: string,
  file: NewCredential["file"],
  quota: WalletQuota,
  count = 1,
): Promise<void> {
  await tx.execute(sql`select id from users where id = ${userId} for update`);
  const used = rowsOf<{ n: string | number; bytes: string | number }>(
    await tx.execute(sql`select (select count(*) from ${credentials} where user_id = ${userId}) as n,
      (select coalesce(sum(size), 0) from ${credentialFiles} where user_id = ${userId}) as bytes`),
  )[0];
  const n = Number(used?.n ?? 0);
  if (n + count > quota.maxCredentials) throw new QuotaExceededError("credentials", n, quota.maxCredentials, count);
  let adding = 0;
  if (file && "fromUploadId" in file) {
    const r = rowsOf<{ size: string | number }>(
      await tx.execute(
        sql`select size from ${credentialUploads} where id = ${file.fromUploadId} and user_id = ${userId}`,
      ),
    )[0];
    adding = Number(r?.size ?? 0);
  } else if (file) {
    adding = file.bytes.byteLength;
  }
  const bytes = Number(used?.bytes ?? 0);
  if (adding > 0 && bytes + adding > quota.maxBytes)
    throw new QuotaExceededError("storage", bytes, quota.maxBytes, adding);
}
