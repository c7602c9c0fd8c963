// Account settings on /account (issue #21 §2): change the password (the current
// one is asked), choose the primary address among the verified ones, and sign
// out everywhere. Raising the session version ends every session of the
// learner (server/auth/session-state.ts checks it on every request).
import type { Db } from "@/db/client";
import { bumpSessionVersion, findPasswordHash, setPasswordHash, setPrimaryEmail } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword, dummyHash } from "@/server/auth/password";
import { hitRateLimit, refundRateLimit, type Limit } from "@/server/auth/rate-limit";
import { newPasswordSchema } from "./password-reset";

/** Wrong current passwords per learner (password change, account deletion) per 15 minutes. */
export const PASSWORD_CHECK_LIMIT: Limit = { max: 10, windowSeconds: 15 * 60 };

export interface PasswordChange {
  current: string;
  password: string;
  confirm: string;
}

/**
 * Checks the learner's current password, counted against a per-learner limit (a success gives its attempt back).
 * Throws WRONG_PASSWORD (or RATE_LIMITED).
 */
export async function checkCurrentPassword(db: Db, userId: string, password: string): Promise<void> {
  const key = `password-check:user:${userId}`;
  if (!(await hitRateLimit(db, key, PASSWORD_CHECK_LIMIT))) {
    throw new AppError("RATE_LIMITED", "Too many wrong passwords. Please wait 15 minutes and try again.", {
      expose: true,
      status: 429,
    });
  }
  const stored = await findPasswordHash(db, userId);
  const ok =
    typeof password === "string" && password.length > 0 && password.length <= 200
      ? await verifyPassword(password, stored ?? (await dummyHash()))
      : false;
  if (!ok || !stored) throw new AppError("WRONG_PASSWORD", undefined, { expose: true });
  await refundRateLimit(db, key);
}

/** Sets a new password after checking the current one; every session ends. Returns the new session version. */
export async function changePassword(db: Db, userId: string, input: PasswordChange): Promise<number> {
  const pw = newPasswordSchema.safeParse(input.password);
  if (!pw.success) throw new AppError("INVALID_INPUT", pw.error.issues[0]?.message, { expose: true });
  if (input.password !== input.confirm) throw new AppError("PASSWORDS_DIFFER", undefined, { expose: true });
  await checkCurrentPassword(db, userId, input.current);
  const version = await setPasswordHash(db, userId, await hashPassword(pw.data));
  if (version === null) throw new AppError("NOT_FOUND", "This account no longer exists.", { expose: true });
  return version;
}

/** Ends every session of the learner, the one that asked included. */
export async function signOutEverywhere(db: Db, userId: string): Promise<void> {
  await bumpSessionVersion(db, userId);
}

function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, i = 0; cur && i < 4; i++) {
    if ((cur as { code?: unknown }).code === "23505") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** Makes a verified address of the learner's the primary one (sign-in and mail). Returns it as stored. */
export async function choosePrimaryAddress(db: Db, userId: string, email: string): Promise<string> {
  let out;
  try {
    out = await setPrimaryEmail(db, userId, email);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("PRIMARY_ADDRESS_TAKEN", undefined, { expose: true });
    throw e;
  }
  if (!out.ok) {
    throw new AppError(out.reason === "taken" ? "PRIMARY_ADDRESS_TAKEN" : "ADDRESS_NOT_VERIFIED", undefined, {
      expose: true,
    });
  }
  return out.email;
}
