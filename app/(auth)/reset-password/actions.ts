"use server";
// "Set password" (issue #21 §1): uses the link once, then the learner signs in with the new password.
import { redirect } from "next/navigation";
import { z } from "zod";
import { ActionError, publicAction } from "@/server/actions";
import { setPasswordFromLink } from "@/server/account";
import { isAppError } from "@/lib/errors";

const FIELD: Record<string, string> = { INVALID_INPUT: "password", PASSWORDS_DIFFER: "confirm" };

export const setPasswordAction = publicAction(
  z.object({ token: z.string().max(200), password: z.string().max(1000), confirm: z.string().max(1000) }),
  async (input) => {
    try {
      await setPasswordFromLink(input);
    } catch (e) {
      if (isAppError(e) && e.expose) {
        const field = FIELD[e.code];
        throw new ActionError(e.code, e.message, field ? { [field]: e.message } : undefined);
      }
      throw e;
    }
    redirect("/sign-in?notice=password-set");
  },
);
