// The pre-filled draft of a credential staged by the authorization code flow's callback, for
// /wallet/receive?staged=<id> to show (the same draft /wallet/add shows after an upload).
import { getUpload } from "@/db/queries/uploads";
import { getSkillIndex } from "@/server/skills/skill-index";
import { draftFrom } from "@/server/wallet/draft";
import { nowOf } from "@/server/wallet/fields";
import type { ImportDraft, WalletContext } from "@/server/wallet/types";

export async function stagedDraft(ctx: WalletContext, uploadId: string): Promise<ImportDraft | null> {
  const up = await getUpload(ctx.db, ctx.user.id, uploadId, nowOf(ctx));
  if (!up?.record) return null;
  return draftFrom(up.id, "url", up.record, false, up.verification, await getSkillIndex(ctx.db));
}
