"use server";
// "Send reset link" (issue #21 §1): one answer for every address.
import { z } from "zod";
import { ActionError, publicAction } from "@/server/actions";
import { requestReset } from "@/server/account";
import { isAppError } from "@/lib/errors";

export const requestResetAction = publicAction(z.object({ email: z.string().max(1000) }), async (input) => {
  try {
    return await requestReset(input.email);
  } catch (e) {
    if (isAppError(e) && e.code === "INVALID_EMAIL") throw new ActionError(e.code, e.message, { email: e.message });
    throw e;
  }
});
