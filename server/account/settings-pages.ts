// What /account's settings, /forgot-password and /reset-password need (issue #21 §1-2), without db/ in app/.
import "server-only";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { getDb } from "@/server/db";
import { listVerifiedEmails } from "@/db/queries/emails";
import { findSessionState } from "@/db/queries/users";
import { keepThisSession, type SessionUser } from "@/server/auth/session";
import { requestClientAddress } from "@/server/request/client-address";
import { publicOrigin } from "@/server/request/origin";
import { confirmSelfDeletion, deleteAccount, FRESH_SIGN_IN_MS, type DeletedAccount } from "./delete";
import {
  previewResetLink,
  requestPasswordReset,
  resetPassword,
  type NewPasswordInput,
  type ResetLinkFailure,
} from "./password-reset";
import { changePassword, choosePrimaryAddress, signOutEverywhere, type PasswordChange } from "./settings";

export interface AccountSettingsView {
  /** The primary address (sign-in and mail). */
  primary: string;
  /** The verified addresses the learner may make primary. */
  verified: string[];
  /** false: a single sign-on account (deleting it asks for a fresh sign-in instead of a password). */
  hasPassword: boolean;
  /** This session was signed in within the last 5 minutes (enough for a single sign-on account to delete itself). */
  freshSignIn: boolean;
}

export async function accountSettingsFor(user: SessionUser): Promise<AccountSettingsView> {
  const db = await getDb();
  const [state, verified] = await Promise.all([findSessionState(db, user.id), listVerifiedEmails(db, user.id)]);
  const age = Date.now() - (user.signedInAt ?? 0);
  return {
    primary: state?.email ?? user.email,
    verified,
    hasPassword: state?.hasPassword ?? false,
    freshSignIn: (user.signedInAt ?? 0) > 0 && age <= FRESH_SIGN_IN_MS,
  };
}

/** "Send reset link": the same answer for every address; the lookup and the mail run after the answer is sent. */
export async function requestReset(email: string): Promise<{ message: string }> {
  return requestPasswordReset(
    {
      db: await getDb(),
      origin: publicOrigin(),
      clientAddress: await requestClientAddress(),
      defer: (task) => after(task),
    },
    email,
  );
}

/** The reset page before anything changes. */
export async function previewReset(token: string): Promise<{ ok: true } | { ok: false; code: ResetLinkFailure }> {
  return previewResetLink(await getDb(), token);
}

/** "Set password": uses the link once; every session of the learner ends. */
export async function setPasswordFromLink(input: NewPasswordInput): Promise<void> {
  await resetPassword(await getDb(), input);
}

/** Changes the password; every other session ends, this browser's is re-issued under the new version. */
export async function changePasswordFor(user: SessionUser, input: PasswordChange): Promise<void> {
  const version = await changePassword(await getDb(), user.id, input);
  await keepThisSession(user.id, version);
}

/** Ends every session of the learner, this one included. */
export async function signOutEverywhereFor(user: SessionUser): Promise<void> {
  await signOutEverywhere(await getDb(), user.id);
}

export async function choosePrimaryFor(user: SessionUser, email: string): Promise<string> {
  const chosen = await choosePrimaryAddress(await getDb(), user.id, email);
  revalidatePath("/account");
  return chosen;
}

/** "Delete account permanently": the password (or a fresh single sign-on), then the deletion. */
export async function deleteOwnAccount(user: SessionUser, password: string): Promise<DeletedAccount | null> {
  const db = await getDb();
  await confirmSelfDeletion(db, user.id, { password, signedInAt: user.signedInAt });
  return deleteAccount(user.id, { actor: { kind: "self" }, db });
}
