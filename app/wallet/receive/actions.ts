"use server";
// Server actions of /wallet/receive (issue #22 §2): read an offer (who offers what), then receive it.
import { cookies } from "next/headers";
import { z } from "zod";
import { authedAction } from "@/server/actions";
import {
  PENDING_COOKIE,
  PENDING_MAX_AGE_S,
  previewOfferFor,
  receiveOfferFor,
  type OfferPreview,
} from "@/server/oid4vci";
import type { StageResult } from "@/server/wallet";
import { publicOrigin } from "@/server/request";

const offerSchema = z.object({ offer: z.string().trim().min(1, "Paste the credential offer.").max(16_384) });
const receiveSchema = offerSchema.extend({ txCode: z.string().trim().max(64).optional() });

/** Step 1: who offers what (nothing is requested from the issuer but its offer and metadata). */
export const previewOfferAction = authedAction(offerSchema, async ({ offer }, user): Promise<OfferPreview> => {
  return previewOfferFor(user, offer);
});

export type ReceiveOutcome = { kind: "staged"; result: StageResult } | { kind: "redirect"; location: string };

/** Step 2, after the learner confirms: the pre-filled draft, or the issuer's sign-in page (authorization code). */
export const receiveOfferAction = authedAction(
  receiveSchema,
  async ({ offer, txCode }, user): Promise<ReceiveOutcome> => {
    const answer = await receiveOfferFor(user, offer, txCode || null);
    if (answer.kind === "staged") return answer;
    (await cookies()).set(PENDING_COOKIE, answer.cookie, {
      httpOnly: true,
      sameSite: "lax",
      secure: publicOrigin().startsWith("https:"),
      path: "/wallet/receive",
      maxAge: PENDING_MAX_AGE_S,
    });
    return { kind: "redirect", location: answer.location };
  },
);
