// One cache tag per share link. Everything public under /c/[slug] (page,
// images, download, Open Graph image) is cached under it, so one call purges
// the lot. Call it after any change a share page shows: edit, delete, verify
// again, share enabled/disabled, new link (old slug), indexing.
import { revalidateTag } from "next/cache";
import { memoInvalidate } from "@/lib/share/memo";

export function shareTag(slug: string): string {
  return `share:${slug}`;
}

/**
 * Expire a share link's cached page at once. `{ expire: 0 }` (Next 16) means no
 * stale copy is ever served: the next request recomputes and a disabled,
 * regenerated-away or deleted link answers 404 immediately. Works in server
 * actions and route handlers alike (`updateTag` is actions-only; the default
 * `"max"` profile would serve the stale page once more).
 */
export function revalidateShare(slug: string | null | undefined): void {
  if (!slug) return;
  memoInvalidate(slug);
  revalidateTag(shareTag(slug), { expire: 0 });
}
