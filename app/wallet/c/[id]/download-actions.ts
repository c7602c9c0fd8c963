"use server";
import { ActionError, authedAction } from "@/server/actions";
import { allowAddressInDownload } from "@/server/share";
import { refreshCredentialPage } from "@/server/wallet";
import { downloadShowsAddressSchema, WALLET_MESSAGES } from "@/lib/wallet/rules";

export const setDownloadShowsAddressAction = authedAction(
  downloadShowsAddressSchema,
  async ({ credentialId, on }, user): Promise<{ on: boolean }> => {
    const res = await allowAddressInDownload(user, credentialId, on);
    if (res === null) throw new ActionError("NOT_FOUND", WALLET_MESSAGES.notInWallet);
    refreshCredentialPage(credentialId);
    return { on: res };
  },
);
