// Editing and deleting a saved credential (split from server/wallet/import.ts).
import { deleteCredential, updateCredentialDetails } from "@/db/queries/credentials";
import { validateEdits } from "./fields";
import type { CredentialEdits, WalletContext } from "./types";

/** Edit on the credential page. Returns the share slug to revalidate, or null when not this learner's. */
export async function editCredential(
  ctx: WalletContext,
  id: string,
  edits: CredentialEdits,
): Promise<{ shareSlug: string } | null> {
  const clean = validateEdits(edits);
  return updateCredentialDetails(ctx.db, ctx.user.id, id, clean);
}

export async function removeCredential(ctx: WalletContext, id: string): Promise<{ shareSlug: string } | null> {
  return deleteCredential(ctx.db, ctx.user.id, id);
}
