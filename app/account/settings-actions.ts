"use server";
// Server actions of /account's settings (issue #21 §2): password, primary address, sign out everywhere, delete.
import { z } from "zod";
import { ActionError, authedAction } from "@/server/actions";
import { changePasswordFor, choosePrimaryFor, deleteOwnAccount, signOutEverywhereFor } from "@/server/account";
import { isAppError } from "@/lib/errors";

const FIELD: Record<string, string> = {
  WRONG_PASSWORD: "current",
  INVALID_INPUT: "password",
  PASSWORDS_DIFFER: "confirm",
};

/** An exposed failure shown beside its field. */
function onField(e: unknown, fields: Record<string, string>): never {
  if (isAppError(e) && e.expose) {
    const field = fields[e.code];
    throw new ActionError(e.code, e.message, field ? { [field]: e.message } : undefined);
  }
  throw e;
}

const secret = z.string().max(1000);

export const changePasswordAction = authedAction(
  z.object({ current: secret, password: secret, confirm: secret }),
  async (input, user) => {
    try {
      await changePasswordFor(user, input);
    } catch (e) {
      onField(e, FIELD);
    }
    return { message: "Your password is changed. Every other device was signed out." };
  },
);

export const choosePrimaryAction = authedAction(z.object({ email: z.string().max(1000) }), async (input, user) => {
  const email = await choosePrimaryFor(user, input.email);
  return { message: `${email} is now your primary address: you sign in with it, and Sash writes to it.` };
});

export const signOutEverywhereAction = authedAction(z.object({}), async (_input, user) => {
  await signOutEverywhereFor(user);
  return { message: "Signed out everywhere." };
});

export const deleteAccountAction = authedAction(
  z.object({ deletePassword: secret.optional() }),
  async (input, user) => {
    let gone;
    try {
      gone = await deleteOwnAccount(user, input.deletePassword ?? "");
    } catch (e) {
      onField(e, { WRONG_PASSWORD: "deletePassword" });
    }
    return { mailed: gone?.mailed ?? false };
  },
);
