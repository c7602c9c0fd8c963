"use server";
// "Email me about my credentials" (issue #21 §3): the account page's notification setting.
import { z } from "zod";
import { authedAction } from "@/server/actions";
import { setCredentialMailSetting } from "@/server/reverify";

export const setNotificationsAction = authedAction(
  z.object({ notify: z.literal("on").optional() }),
  async (input, user): Promise<{ on: boolean; message: string }> => {
    const on = input.notify === "on";
    await setCredentialMailSetting(user, on);
    return {
      on,
      message: on
        ? "Saved. Sash will email you when a credential is revoked, expires or will expire soon."
        : "Saved. Sash won't email you about your credentials.",
    };
  },
);
