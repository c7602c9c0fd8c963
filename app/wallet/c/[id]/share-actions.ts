"use server";
// The learner's share-link controls (issue #7 §1). Every query is filtered by
// the signed-in learner; another learner's credential id finds nothing.
import type { z } from "zod";
import { allowShareIndexing, enableShareLink, renewShareLink, type ShareSettings } from "@/server/share";
import { ActionError, authedAction } from "@/server/actions";
import type { SessionUser } from "@/server/auth";
import { publicOrigin } from "@/server/request";
import { refreshCredentialPage } from "@/server/wallet";
import { sharePath } from "@/lib/share/url";
import { shareEnabledSchema, shareIndexableSchema, shareLinkSchema, WALLET_MESSAGES } from "@/lib/wallet/rules";

export interface ShareState {
  url: string;
  enabled: boolean;
  indexable: boolean;
}

/** One share control: change the learner's own credential's settings, answer with the new state. */
function shareAction<S extends z.ZodType<{ credentialId: string }>>(
  schema: S,
  change: (input: z.infer<S>, user: SessionUser) => Promise<ShareSettings | null>,
) {
  return authedAction(schema, async (input, user): Promise<ShareState> => {
    const s = await change(input, user);
    if (!s) throw new ActionError("NOT_FOUND", WALLET_MESSAGES.notInWallet);
    refreshCredentialPage(input.credentialId);
    return { url: `${publicOrigin()}${sharePath(s.slug)}`, enabled: s.enabled, indexable: s.indexable };
  });
}

export const setShareEnabledAction = shareAction(shareEnabledSchema, (i, user) =>
  enableShareLink(user, i.credentialId, i.enabled),
);

export const setShareIndexableAction = shareAction(shareIndexableSchema, (i, user) =>
  allowShareIndexing(user, i.credentialId, i.indexable),
);

export const regenerateShareLinkAction = shareAction(shareLinkSchema, (i, user) =>
  renewShareLink(user, i.credentialId),
);
