// Password recovery (issue #21 §1). "Forgot password?" takes an address and
// answers the same words, in the same time, whether or not an account has it:
// the answer is given after the rate limits only, and the lookup, the token and
// the mail happen afterwards (`defer`), for every address alike. A link goes only
// to a verified address of an existing account. The token is 32 random bytes,
// stored as its SHA-256, used once, for 1 hour; using it sets the password and
// ends every session of the learner (their session version goes up).
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { findVerifiedOwner } from "@/db/queries/emails";
import { consumeResetToken, findResetToken, insertResetToken } from "@/db/queries/password-resets";
import { findUserById } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { sendMail } from "@/server/mail/send";
import { hashPassword } from "@/server/auth/password";
import { hitRateLimit, sweepRateLimitsIfDue, type Limit } from "@/server/auth/rate-limit";
import { signUpSchema } from "@/server/auth/accounts";
import { emailAddressSchema, hashToken } from "./addresses";

export const RESET_LINK_TTL_MS = 60 * 60 * 1000;
/** Reset requests per address (whoever asks) and per client address, per hour. */
export const RESET_LIMITS: { perAddress: Limit; perClient: Limit } = {
  perAddress: { max: 3, windowSeconds: 3600 },
  perClient: { max: 10, windowSeconds: 3600 },
};

/** The new password's rules are sign-up's. */
export const newPasswordSchema = signUpSchema.shape.password;

export interface ResetRequestContext {
  db: Db;
  /** Base URL for the link, e.g. https://sash.example (server/request/origin.ts publicOrigin()). */
  origin: string;
  /** The client address the per-client limit counts against. */
  clientAddress: string;
  now?: () => Date;
  /**
   * Runs the lookup-and-mail work after the answer is given (the app passes Next's `after`; tests collect the
   * promise). Default: started at once and not awaited.
   */
  defer?: (task: () => Promise<void>) => void;
}

/** The one answer, for every address. */
export function resetRequestedMessage(email: string): string {
  return `If ${email} is a verified address of a Sash account, we sent a link to it to set a new password. The link works once, for 1 hour. Check your inbox (and spam folder).`;
}

export function resetLinkUrl(origin: string, token: string): string {
  return `${origin.replace(/\/$/, "")}/reset-password?token=${encodeURIComponent(token)}`;
}

const nowOf = (ctx: { now?: () => Date }) => (ctx.now ? ctx.now() : new Date());

/**
 * "Send reset link". Throws INVALID_EMAIL for text that isn't an address and RATE_LIMITED past a limit (both
 * decided without looking for an account); otherwise returns the one answer and leaves the rest to `defer`.
 */
export async function requestPasswordReset(ctx: ResetRequestContext, input: string): Promise<{ message: string }> {
  const parsed = emailAddressSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("INVALID_EMAIL", parsed.error.issues[0]?.message ?? undefined, { expose: true });
  }
  const email = parsed.data;
  const normalized = email.toLowerCase();
  await sweepRateLimitsIfDue(ctx.db);
  const clientOk = await hitRateLimit(ctx.db, `reset:ip:${ctx.clientAddress}`, RESET_LIMITS.perClient);
  const addressOk = clientOk && (await hitRateLimit(ctx.db, `reset:email:${normalized}`, RESET_LIMITS.perAddress));
  if (!clientOk || !addressOk) {
    throw new AppError(
      "RATE_LIMITED",
      "Too many requests for a reset link in the last hour. Please wait an hour and try again.",
      { expose: true, status: 429 },
    );
  }
  const task = () =>
    mailResetLink(ctx.db, email, ctx.origin, nowOf(ctx)).then(
      () => undefined,
      (e: unknown) => console.error(`sash: password reset mail not sent: ${(e as Error).message}`),
    );
  if (ctx.defer) ctx.defer(task);
  else void task();
  return { message: resetRequestedMessage(email) };
}

/** The deferred half: a link only for a verified address of an existing account; true when one was mailed. */
export async function mailResetLink(db: Db, email: string, origin: string, now: Date = new Date()): Promise<boolean> {
  const owner = await findVerifiedOwner(db, email);
  if (!owner) return false;
  const account = await findUserById(db, owner.userId);
  if (!account) return false;
  const token = randomBytes(32).toString("base64url");
  await insertResetToken(db, {
    tokenHash: hashToken(token),
    userId: account.id,
    email,
    expiresAt: new Date(now.getTime() + RESET_LINK_TTL_MS),
  });
  await sendMail({
    to: email,
    subject: "Set a new password for Sash",
    text: [
      "Hello,",
      "",
      `Someone asked to set a new password for the Sash account that has the address ${email}.`,
      "If that was you, open this link and choose a new password:",
      "",
      resetLinkUrl(origin, token),
      "",
      "The link works once and expires in 1 hour. When the new password is set, every device signed in to",
      "the account is signed out.",
      "",
      "If you didn't ask for this, ignore this message: your password stays as it is.",
    ].join("\n"),
  });
  return true;
}

export type ResetLinkFailure = "RESET_LINK_INVALID" | "RESET_LINK_USED" | "RESET_LINK_EXPIRED";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{40,64}$/;

/** What the reset page shows before anything changes (opening the link changes nothing). */
export async function previewResetLink(
  db: Db,
  token: string,
  opts: { now?: () => Date } = {},
): Promise<{ ok: true } | { ok: false; code: ResetLinkFailure }> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return { ok: false, code: "RESET_LINK_INVALID" };
  const link = await findResetToken(db, hashToken(token));
  if (!link) return { ok: false, code: "RESET_LINK_INVALID" };
  if (link.usedAt) return { ok: false, code: "RESET_LINK_USED" };
  if (link.expiresAt.getTime() <= nowOf(opts).getTime()) return { ok: false, code: "RESET_LINK_EXPIRED" };
  return { ok: true };
}

export interface NewPasswordInput {
  token: string;
  password: string;
  confirm: string;
}

/**
 * "Set password": checks the two fields, then uses the link once (one transaction: the link is used, the password
 * set, every session ended). Throws an exposed AppError with the failure's code.
 */
export async function resetPassword(
  db: Db,
  input: NewPasswordInput,
  opts: { now?: () => Date } = {},
): Promise<{ userId: string; email: string }> {
  if (typeof input.token !== "string" || !TOKEN_SHAPE.test(input.token)) {
    throw new AppError("RESET_LINK_INVALID", undefined, { expose: true });
  }
  const pw = newPasswordSchema.safeParse(input.password);
  if (!pw.success) throw new AppError("INVALID_INPUT", pw.error.issues[0]?.message, { expose: true });
  if (input.password !== input.confirm) throw new AppError("PASSWORDS_DIFFER", undefined, { expose: true });
  const out = await consumeResetToken(db, hashToken(input.token), await hashPassword(pw.data), nowOf(opts));
  switch (out.kind) {
    case "reset":
      return { userId: out.userId, email: out.email };
    case "used":
      throw new AppError("RESET_LINK_USED", undefined, { expose: true });
    case "expired":
      throw new AppError("RESET_LINK_EXPIRED", undefined, { expose: true });
    default:
      throw new AppError("RESET_LINK_INVALID", undefined, { expose: true });
  }
}
