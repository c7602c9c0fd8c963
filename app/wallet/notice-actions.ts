"use server";
import { authedAction } from "@/server/actions";
import { dismissNotice } from "@/server/reverify";
import { refreshWalletPages } from "@/server/wallet";
import { dismissNoticeSchema } from "@/lib/wallet/rules";

export const dismissNoticeAction = authedAction(dismissNoticeSchema, async ({ id }, user): Promise<null> => {
  await dismissNotice(user, id);
  refreshWalletPages();
  return null;
});
