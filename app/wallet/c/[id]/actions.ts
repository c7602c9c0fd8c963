"use server";
// Server actions of the credential page: edit, delete, verify again.
// Each finds only the signed-in learner's credential; anyone else's id is "not found".
import { redirect } from "next/navigation";
import { authedAction, ActionError } from "@/server/actions";
import {
  editCredential,
  removeCredential,
  reverifyCredential,
  walletContext,
  refreshWalletPages,
} from "@/server/wallet";
import { credentialEdits } from "../../_lib/edits";
import { revalidateShare } from "@/server/share";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { credentialIdSchema, editCredentialSchema, WALLET_MESSAGES } from "@/lib/wallet/rules";

const NOT_FOUND = WALLET_MESSAGES.notInWallet;

export const editCredentialAction = authedAction(editCredentialSchema, async (input, user, formData): Promise<null> => {
  // A WalletError carries its own learner-facing message and code (authedAction passes it on).
  const res = await editCredential(await walletContext(user), input.id, await credentialEdits(input, formData));
  if (!res) throw new ActionError("NOT_FOUND", NOT_FOUND);
  revalidateShare(res.shareSlug);
  refreshWalletPages();
  redirect(`/wallet/c/${input.id}`);
});

export const deleteCredentialAction = authedAction(credentialIdSchema, async (input, user): Promise<null> => {
  const res = await removeCredential(await walletContext(user), input.id);
  if (!res) throw new ActionError("NOT_FOUND", NOT_FOUND);
  revalidateShare(res.shareSlug);
  refreshWalletPages();
  redirect("/wallet");
});

export const verifyAgainAction = authedAction(credentialIdSchema, async (input, user): Promise<VerificationReport> => {
  const res = await reverifyCredential(await walletContext(user), input.id);
  if (!res) throw new ActionError("NOT_FOUND", NOT_FOUND);
  revalidateShare(res.shareSlug);
  refreshWalletPages(input.id);
  return res.report;
});
