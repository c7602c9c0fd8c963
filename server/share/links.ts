// A credential's share link: a fresh slug replaces the old one (the database
// query takes the slug; making one is the service's job).
import type { Db } from "@/db/client";
import { replaceShareSlug, type ShareSettings } from "@/db/queries/share";
import { newShareSlug } from "@/lib/share/slug";

/** A fresh slug for the learner's credential; the old one stops resolving at once. Null when not theirs. */
export async function regenerateShareSlug(
  db: Db,
  userId: string,
  credentialId: string,
): Promise<{ oldSlug: string; settings: ShareSettings } | null> {
  return replaceShareSlug(db, userId, credentialId, newShareSlug());
}
