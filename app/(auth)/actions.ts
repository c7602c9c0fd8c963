"use server";
import { publicAction, ActionError } from "@/server/actions";
import { createAccount, EmailTakenError, signUpSchema } from "@/server/auth/accounts";
import { getDb } from "@/db/client";
import { registerSignUpAddress } from "@/server/account";
import { shareOrigin } from "@/server/share/origin";
import { allowSignUp } from "@/server/auth/rate-limit";
import { requestClientAddress } from "@/server/request/client-address";

export const signUpAction = publicAction(signUpSchema, async (input) => {
  const db = await getDb();
  if (!(await allowSignUp(db, await requestClientAddress()))) {
    throw new ActionError("RATE_LIMITED", "Too many new accounts from your network. Please wait an hour and try again.");
  }
  try {
    const user = await createAccount(db, input);
    // Issue #11 §2: the sign-up address starts unverified and gets a confirmation link.
    await registerSignUpAddress(db, user, await shareOrigin());
    return { email: user.email };
  } catch (e) {
    if (e instanceof EmailTakenError) throw new ActionError(e.code, e.message, { email: e.message });
    throw e;
  }
});
