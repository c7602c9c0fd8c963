// The learner's "Download badge" choice (issue #11 §5): whether the public
// download may be the issuer's baked file even though it shows the address the
// badge was issued to. Off by default; the share page then offers the image alone.
import "server-only";
import { getDb } from "@/server/db";
import { isUuid } from "@/db/queries/sql";
import { setShareDownloadShowsAddress } from "@/db/queries/share";
import type { SessionUser } from "@/server/auth/session";
import { revalidateShare } from "./revalidate";

export async function allowAddressInDownload(
  user: SessionUser,
  credentialId: string,
  on: boolean,
): Promise<boolean | null> {
  if (!isUuid(credentialId)) return null;
  const res = await setShareDownloadShowsAddress(await getDb(), user.id, credentialId, on);
  if (!res) return null;
  revalidateShare(res.slug);
  return res.on;
}
