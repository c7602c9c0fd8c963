// Saving a credential: the database query stores it with the share slug the
// service makes (lib/share/slug), so db/ never generates one itself.
import type { Db } from "@/db/client";
import { insertCredential as insertCredentialRow } from "@/db/queries/credentials";
import type { NewCredential, WalletQuota } from "@/db/queries/credential-types";
import { newShareSlug } from "@/lib/share/slug";

/**
 * Saves a credential, its original file and its skills in one transaction, with
 * a fresh share slug. Throws DuplicateCredentialError (and QuotaExceededError when
 * `quota` is given); `beforeCommit` runs inside the transaction.
 */
export async function insertCredential(
  db: Db,
  userId: string,
  input: NewCredential,
  beforeCommit?: (tx: Db, credentialId: string) => Promise<void>,
  quota?: WalletQuota,
): Promise<{ id: string; shareSlug: string }> {
  return insertCredentialRow(db, userId, { ...input, shareSlug: newShareSlug() }, beforeCommit, quota);
}
