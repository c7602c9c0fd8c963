"use server";
import { publicAction, ActionError } from "@/server/actions";
import { createAccount, EmailTakenError, signUpSchema } from "@/server/auth/accounts";
import { getDb } from "@/db/client";
import { allowSignUp } from "@/server/auth/rate-limit";
import { requestClientAddress } from "@/server/request/client-address";

export const signUpAction = publicAction(signUpSchema, async (input) => {
  const db = await getDb();
  if (!(await allowSignUp(db, await requestClientAddress()))) {
    throw new ActionError("RATE_LIMITED", "Too many new accounts from your network. Please wait an hour and try again.");
  }
  try {
    const user = await createAccount(db, input);
    return { email: user.email };
  } catch (e) {
    if (e instanceof EmailTakenError) throw new ActionError(e.code, e.message, { email: e.message });
    throw e;
  }
});
