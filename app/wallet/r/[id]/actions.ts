"use server";
// Server action of the learner record page: delete the record, keeping its
// credentials or deleting them too (the learner's explicit choice). Finds only
// the signed-in learner's record; anyone else's id is "not found".
import { redirect } from "next/navigation";
import { authedAction, ActionError } from "@/server/actions";
import { removeLearnerRecord, walletContext, refreshRecordPages } from "@/server/wallet";
import { revalidateShare } from "@/server/share";
import { deleteRecordSchema, WALLET_MESSAGES } from "@/lib/wallet/rules";

export const deleteRecordAction = authedAction(deleteRecordSchema, async (input, user): Promise<null> => {
  const res = await removeLearnerRecord(await walletContext(user), input.id, input.credentials);
  if (!res) throw new ActionError("NOT_FOUND", WALLET_MESSAGES.recordNotInWallet);
  // Deleted credentials' share links stop at once (the database trigger also tells every other process).
  for (const slug of res.deletedShareSlugs) revalidateShare(slug);
  refreshRecordPages(input.id, res.credentialIds);
  redirect(input.credentials === "keep" ? "/wallet?recordDeleted=kept" : "/wallet?recordDeleted=all");
});
