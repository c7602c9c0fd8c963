"use server";
import { publicAction, ActionError } from "@/server/actions";
import { createAccount, EmailTakenError, signUpSchema } from "@/server/auth/accounts";
import { getDb } from "@/db/client";

export const signUpAction = publicAction(signUpSchema, async (input) => {
  try {
    const user = await createAccount(await getDb(), input);
    return { email: user.email };
  } catch (e) {
    if (e instanceof EmailTakenError) throw new ActionError(e.code, e.message, { email: e.message });
    throw e;
  }
});
