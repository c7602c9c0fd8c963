// What the /account page and the confirmation-link page need, without db/ in app/.
import "server-only";
import { revalidatePath } from "next/cache";
import { getDb } from "@/server/db";
import { appFetcher } from "@/server/net";
import type { SessionUser } from "@/server/auth/session";
import { revalidateShare } from "@/server/share/revalidate";
import {
  confirmEmail,
  listAddresses,
  previewConfirmationLink,
  type AddressView,
  type ConfirmResult,
  type LinkPreview,
} from "./addresses";

export async function addressesFor(user: SessionUser): Promise<AddressView[]> {
  return listAddresses({ db: await getDb(), user });
}

/** The confirmation link's page: which address, for which account (reads only). */
export async function previewLink(token: string): Promise<LinkPreview> {
  return previewConfirmationLink(await getDb(), token);
}

/**
 * The Confirm button on that page (a POST by the signed-in learner): verifies the
 * address once for them and re-checks their credentials; on success drops the
 * cached pages that show them.
 */
export async function confirmLinkFor(user: SessionUser, token: string): Promise<ConfirmResult> {
  const res = await confirmEmail(await getDb(), token, user.id, { fetcher: appFetcher() });
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
