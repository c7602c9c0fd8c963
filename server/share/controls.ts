// The learner's share-link controls (issue #7 §1), for the credential page's
// actions. Each change is filtered by the signed-in learner (another learner's
// credential id finds nothing) and drops the cached share page.
import "server-only";
import { getDb } from "@/server/db";
import { setShareEnabled, setShareIndexable, type ShareSettings } from "@/db/queries/share";
import type { SessionUser } from "@/server/auth/session";
import { regenerateShareSlug } from "./links";
import { revalidateShare } from "./revalidate";

export type { ShareSettings } from "@/db/queries/share";

export async function enableShareLink(
  user: SessionUser,
  credentialId: string,
  enabled: boolean,
): Promise<ShareSettings | null> {
  const s = await setShareEnabled(await getDb(), user.id, credentialId, enabled);
  if (s) revalidateShare(s.slug);
  return s;
}

export async function allowShareIndexing(
  user: SessionUser,
  credentialId: string,
  indexable: boolean,
): Promise<ShareSettings | null> {
  const s = await setShareIndexable(await getDb(), user.id, credentialId, indexable);
  if (s) revalidateShare(s.slug);
  return s;
}

/** A new link: the old URL must die at once; the new one has never been cached. */
export async function renewShareLink(user: SessionUser, credentialId: string): Promise<ShareSettings | null> {
  const r = await regenerateShareSlug(await getDb(), user.id, credentialId);
  if (!r) return null;
  revalidateShare(r.oldSlug);
  revalidateShare(r.settings.slug);
  return r.settings;
}
