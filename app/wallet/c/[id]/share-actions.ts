"use server";
// The learner's share-link controls (issue #7 §1). Every query is filtered by
// the signed-in learner; another learner's credential id finds nothing.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { allowShareIndexing, enableShareLink, renewShareLink, type ShareSettings } from "@/server/share/controls";
import { ActionError, authedAction } from "@/server/actions";
import { shareOrigin } from "@/server/share/origin";
import { sharePath } from "@/lib/share/url";

export interface ShareState {
  url: string;
  enabled: boolean;
  indexable: boolean;
}

const checkbox = z.enum(["true", "false"]).transform((v) => v === "true");

function notFound(): never {
  throw new ActionError("NOT_FOUND", "This credential isn't in your wallet any more.");
}

async function toState(credentialId: string, s: ShareSettings): Promise<ShareState> {
  revalidatePath(`/wallet/c/${credentialId}`);
  return { url: `${await shareOrigin()}${sharePath(s.slug)}`, enabled: s.enabled, indexable: s.indexable };
}

export const setShareEnabledAction = authedAction(
  z.object({ credentialId: z.uuid(), enabled: checkbox }),
  async ({ credentialId, enabled }, user): Promise<ShareState> => {
    const s = await enableShareLink(user, credentialId, enabled);
    if (!s) notFound();
    return toState(credentialId, s);
  },
);

export const setShareIndexableAction = authedAction(
  z.object({ credentialId: z.uuid(), indexable: checkbox }),
  async ({ credentialId, indexable }, user): Promise<ShareState> => {
    const s = await allowShareIndexing(user, credentialId, indexable);
    if (!s) notFound();
    return toState(credentialId, s);
  },
);

export const regenerateShareLinkAction = authedAction(
  z.object({ credentialId: z.uuid() }),
  async ({ credentialId }, user): Promise<ShareState> => {
    const s = await renewShareLink(user, credentialId);
    if (!s) notFound();
    return toState(credentialId, s);
  },
);
