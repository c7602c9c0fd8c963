"use server";
// Server actions of /account and of the credential page's "which address?" form (issue #11 §2).
import { redirect } from "next/navigation";
import { z } from "zod";
import { ActionError, authedAction } from "@/server/actions";
import {
  accountContext,
  addEmail,
  claimBadgeAddress,
  confirmLinkFor,
  refreshAccountPage,
  refreshAfterRecheck,
  removeEmail,
  resendVerification,
} from "@/server/account";
import { issueLinkIntent, oidcEnabled } from "@/server/auth";
import { publicOrigin } from "@/server/request";

const id = z.string().uuid({ message: "This address isn't on your account." });
const email = z.string().max(1000);

export interface AccountNotice {
  message: string;
}

const sentTo = (address: string): AccountNotice => ({
  message: `We sent a link to ${address}. Open it within 24 hours to verify the address.`,
});

export const addEmailAction = authedAction(z.object({ email }), async (input, user): Promise<AccountNotice> => {
  const row = await addEmail(await accountContext(user), input.email);
  refreshAccountPage();
  return sentTo(row.email);
});

export const resendEmailAction = authedAction(z.object({ id }), async (input, user): Promise<AccountNotice> => {
  const ctx = await accountContext(user);
  await resendVerification(ctx, input.id);
  return { message: "We sent a new link. Earlier links for this address no longer work." };
});

export const removeEmailAction = authedAction(z.object({ id }), async (input, user): Promise<AccountNotice> => {
  const res = await removeEmail(await accountContext(user), input.id);
  refreshAfterRecheck(res?.slugs ?? []);
  return { message: "The address was removed." };
});

export const claimAddressAction = authedAction(
  z.object({ credentialId: z.string().uuid({ message: "This credential isn't in your wallet." }), email }),
  async (input, user): Promise<AccountNotice> => {
    const row = await claimBadgeAddress(await accountContext(user), input.credentialId, input.email);
    refreshAccountPage();
    return sentTo(row.email);
  },
);

/**
 * The Confirm button of /account/verify (issue #25 §1): a POST (server actions are
 * same-origin only) by the signed-in learner; it confirms the address only for the
 * account that asked to add it.
 */
export const confirmEmailAction = authedAction(
  z.object({ token: z.string().max(200) }),
  async (input, user): Promise<AccountNotice> => {
    const res = await confirmLinkFor(user, input.token);
    if (!res.ok) throw new ActionError(res.code, res.message);
    redirect("/account?verified=1");
  },
);

/**
 * "Connect single sign-on" (issue #25 §1): the signed-in learner confirms that the
 * next single sign-on should join their account; the browser then goes to the provider.
 */
export const connectSsoAction = authedAction(z.object({}), async (_input, user): Promise<AccountNotice> => {
  if (!oidcEnabled()) throw new ActionError("OIDC_DISABLED", "Single sign-on isn't set up on this Sash.");
  await issueLinkIntent(user.id, publicOrigin().startsWith("https:"));
  return { message: "Continue with your institution's sign-in." };
});
