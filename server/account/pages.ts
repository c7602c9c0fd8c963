// What the /account page and the confirmation-link route need, without db/ in app/.
import "server-only";
import { revalidatePath } from "next/cache";
import { getDb } from "@/server/db";
import { createFetcher } from "@/lib/net/fetcher";
import type { SessionUser } from "@/server/auth/session";
import { revalidateShare } from "@/server/share/revalidate";
import { confirmEmail, listAddresses, type AddressView, type ConfirmResult } from "./index";

export async function addressesFor(user: SessionUser): Promise<AddressView[]> {
  return listAddresses({ db: await getDb(), user });
}

/**
 * Opens a confirmation link: verifies the address once and re-checks the
 * learner's credentials; on success drops the cached pages that show them.
 */
export async function openConfirmationLink(token: string): Promise<ConfirmResult> {
  const res = await confirmEmail(await getDb(), token, { fetcher: createFetcher() });
  if (res.ok) {
    for (const slug of res.reverified.slugs) revalidateShare(slug);
    revalidatePath("/wallet", "layout");
    revalidatePath("/account");
  }
  return res;
}

/** After an address is added: the account page lists it. */
export function refreshAccountPage(): void {
  revalidatePath("/account");
}

/** After an address change re-checked credentials: the share links, the wallet and the account page. */
export function refreshAfterRecheck(slugs: readonly string[]): void {
  for (const slug of slugs) revalidateShare(slug);
  revalidatePath("/wallet", "layout");
  revalidatePath("/account");
}
