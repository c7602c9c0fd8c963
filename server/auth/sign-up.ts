// Sign-up for the app's action: the per-network limit on new accounts, the
// account itself, and the confirmation link for its address (issue #11 §2).
import "server-only";
import { getDb } from "@/server/db";
import { registerSignUpAddress } from "@/server/account/addresses";
import { requestClientAddress } from "@/server/request/client-address";
import { publicOrigin } from "@/server/request/origin";
import { createAccount, type SignUpInput } from "./accounts";
import { allowSignUp } from "./rate-limit";

export type SignUpOutcome = { ok: true; email: string } | { ok: false; reason: "RATE_LIMITED" };

/** Creates the account (throws EmailTakenError when the address is taken); the address starts unverified and gets a link. */
export async function signUp(input: SignUpInput): Promise<SignUpOutcome> {
  const db = await getDb();
  if (!(await allowSignUp(db, await requestClientAddress()))) return { ok: false, reason: "RATE_LIMITED" };
  const user = await createAccount(db, input);
  await registerSignUpAddress(db, user, publicOrigin());
  return { ok: true, email: user.email };
}
