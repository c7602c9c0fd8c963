"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ActionError, authedAction } from "@/server/actions";
import { allowAddressInDownload } from "@/server/share/download";

export const setDownloadShowsAddressAction = authedAction(
  z.object({ credentialId: z.uuid(), on: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async ({ credentialId, on }, user): Promise<{ on: boolean }> => {
    const res = await allowAddressInDownload(user, credentialId, on);
    if (res === null) throw new ActionError("NOT_FOUND", "This credential isn't in your wallet any more.");
    revalidatePath(`/wallet/c/${credentialId}`);
    return { on: res };
  },
);
