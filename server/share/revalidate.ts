// Called after any change a share page shows: edit, delete, verify again,
// share enabled/disabled, new link (old and new slug), indexing. Drops this
// process's cached copy at once (the learner's next request may land here
// before the database's NOTIFY does). Other processes hear of it through the
// database (invalidation.ts). On Vercel the cache is Next's, purged by tag.
import { revalidateTag } from "next/cache";
import { config, driverKindOf } from "@/server/config";
import { memoInvalidate } from "@/lib/share/memo";

export function shareTag(slug: string): string {
  return `share:${slug}`;
}

/**
 * `{ expire: 0 }` (Next 16) means no stale copy is ever served: the next request
 * recomputes. Works in server actions and route handlers alike.
 */
export function revalidateShare(slug: string | null | undefined): void {
  if (!slug) return;
  memoInvalidate(slug);
  if (driverKindOf(config()) === "vercel") revalidateTag(shareTag(slug), { expire: 0 });
}
