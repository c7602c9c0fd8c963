"use server";
import { publicAction, ActionError } from "@/server/actions";
import { EmailTakenError, signUpSchema, signUp } from "@/server/auth";

export const signUpAction = publicAction(signUpSchema, async (input) => {
  try {
    const res = await signUp(input);
    if (!res.ok)
      throw new ActionError(
        "RATE_LIMITED",
        "Too many new accounts from your network. Please wait an hour and try again.",
      );
    return { email: res.email };
  } catch (e) {
    if (e instanceof EmailTakenError) throw new ActionError(e.code, e.message, { email: e.message });
    throw e;
  }
});
