// After a change to a learner's wallet, drop the rendered pages that show it so
// the next request renders them afresh. The wallet's actions call these rather
// than next/cache themselves (only server/ touches Next's cache).
import "server-only";
import { revalidatePath } from "next/cache";

/** The wallet list, and with an id that credential's page too. */
export function refreshWalletPages(credentialId?: string): void {
  if (credentialId) revalidatePath(`/wallet/c/${credentialId}`);
  revalidatePath("/wallet");
}

/** Only the credential's own page (its share and download settings show nowhere else). */
export function refreshCredentialPage(credentialId: string): void {
  revalidatePath(`/wallet/c/${credentialId}`);
}

/** A learner record's page, the wallet list, and the pages of credentials it held (their "Part of" line). */
export function refreshRecordPages(recordId: string, credentialIds: readonly string[] = []): void {
  revalidatePath(`/wallet/r/${recordId}`);
  for (const id of credentialIds) revalidatePath(`/wallet/c/${id}`);
  revalidatePath("/wallet");
}
