// What /wallet/receive's actions and callback call: the service (receive.ts) with the request's
// context, the OAuth client Sash is, and the sealed pending-authorization cookie.
import "server-only";
import type { SessionUser } from "@/server/auth/session";
import type { StageResult } from "@/server/wallet/types";
import { oauthClient, receiveContext } from "./context";
import { openPending, PENDING_COOKIE, PENDING_MAX_AGE_S, sealPending } from "./pending";
import {
  completeAuthorization,
  previewOffer,
  receivePreAuthorized,
  startAuthorization,
  type OfferPreview,
} from "./receive";
import { stagedDraft } from "./staged";
import type { ImportDraft } from "@/server/wallet/types";

export type { OfferPreview } from "./receive";
export { PENDING_COOKIE, PENDING_MAX_AGE_S };

export async function previewOfferFor(user: SessionUser, offer: string): Promise<OfferPreview> {
  return previewOffer(await receiveContext(user), offer);
}

export type ReceiveAnswer =
  { kind: "staged"; result: StageResult } | { kind: "redirect"; location: string; cookie: string };

/** Pre-authorized: the staged credential. Authorization code: where to send the learner, and the sealed cookie. */
export async function receiveOfferFor(user: SessionUser, offer: string, txCode: string | null): Promise<ReceiveAnswer> {
  const ctx = await receiveContext(user);
  const preview = await previewOffer(ctx, offer);
  if (preview.flow === "pre-authorized")
    return { kind: "staged", result: await receivePreAuthorized(ctx, offer, txCode) };
  const { clientId, redirectUri } = oauthClient();
  const started = await startAuthorization(ctx, offer, redirectUri, clientId);
  return { kind: "redirect", location: started.location, cookie: sealPending(started.pending) };
}

export async function completeAuthorizationFor(
  user: SessionUser,
  sealed: string | undefined,
  answer: { code: string | null; state: string | null; error: string | null },
): Promise<StageResult> {
  const ctx = await receiveContext(user);
  return completeAuthorization(ctx, openPending(sealed), answer, oauthClient().clientId);
}

export async function stagedDraftFor(user: SessionUser, uploadId: string): Promise<ImportDraft | null> {
  return stagedDraft(await receiveContext(user), uploadId);
}
