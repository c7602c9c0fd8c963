"use server";
// Server actions of /account and of the credential page's "which address?" form (issue #11 §2).
import { z } from "zod";
import { authedAction } from "@/server/actions";
import { addEmail, claimBadgeAddress, removeEmail, resendVerification } from "@/server/account";
import { accountContext } from "@/server/account/context";
import { refreshAccountPage, refreshAfterRecheck } from "@/server/account/pages";

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
