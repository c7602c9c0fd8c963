// The learner's "Email me about my credentials" setting (issue #21 §3) and the one-click unsubscribe
// (/unsubscribe, no session: the signed token names the learner).
import "server-only";
import { getDb } from "@/server/db";
import { getNotifySetting, setNotifySetting } from "@/db/queries/admin";
import type { SessionUser } from "@/server/auth/session";
import { unsubscribeByToken, userOfUnsubscribeToken } from "./notify";

export async function credentialMailSetting(user: SessionUser): Promise<boolean> {
  return (await getNotifySetting(await getDb(), user.id)) ?? true;
}

export async function setCredentialMailSetting(user: SessionUser, on: boolean): Promise<void> {
  await setNotifySetting(await getDb(), user.id, on);
}

/** Whether `token` is one Sash signed (the page offers the button only then). */
export function unsubscribeTokenValid(token: string): boolean {
  return userOfUnsubscribeToken(token) !== null;
}

/** Turns the mail off for the token's learner; false when the token isn't valid (or the learner is gone). */
export async function unsubscribe(token: string): Promise<boolean> {
  return unsubscribeByToken(await getDb(), token);
}
