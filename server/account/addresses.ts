// The learner's email addresses (issue #11 §2): add, resend, remove, and the
// single-use link (24 h, stored hashed) that verifies one. Only verified
// addresses count when Sash checks whom a badge was issued to; when one becomes
// verified (or a verified one is removed) every credential of the learner is
// re-checked at once.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/client";
import {
  consumeVerificationToken,
  deleteUserEmail,
  findUserEmail,
  findVerificationLink,
  findVerifiedOwner,
  getUserEmail,
  insertUserEmail,
  insertVerificationToken,
  listUserEmails,
  type UserEmail,
} from "@/db/queries/emails";
import { getCredential } from "@/db/queries/credentials";
import type { Fetcher } from "@/lib/badges/types";
import { AppError, LEARNER_WORDING } from "@/lib/errors";
import { checkRecipient } from "@/lib/badges/verify/recipient";
import { sendMail, type SentMail } from "@/server/mail/send";
import { hitRateLimit } from "@/server/auth/rate-limit";
import { reverifyLearner, type ReverifySummary } from "@/server/reverify/reverify";

export const VERIFY_LINK_TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_ADDRESSES = 10;
/** Verification mails per learner per hour (add + resend). */
export const MAIL_LIMIT = { max: 10, windowSeconds: 3600 };

export const emailAddressSchema = z
  .string()
  .trim()
  .max(254, "Email addresses can be at most 254 characters.")
  .pipe(z.email({ message: "Please enter a valid email address, like name@example.org." }));

export interface AccountUser {
  id: string;
  name: string;
  /** The address the learner signs in with. */
  email: string;
}

export interface AccountContext {
  db: Db;
  user: AccountUser;
  /** Base URL for links in mails, e.g. https://sash.example. */
  origin: string;
  fetcher?: Fetcher;
  now?: () => Date;
}

export type AccountErrorCode =
  | "INVALID_EMAIL"
  | "EMAIL_TAKEN"
  | "NOT_FOUND"
  | "ALREADY_VERIFIED"
  | "SIGN_IN_ADDRESS"
  | "TOO_MANY"
  | "RATE_LIMITED"
  | "ADDRESS_MISMATCH"
  | "WRONG_ACCOUNT";

export class AccountError extends AppError {
  declare readonly code: AccountErrorCode;
  /** `message` is written for the learner (exposed). */
  constructor(code: AccountErrorCode, message: string) {
    super(code, message, { expose: true });
    this.name = "AccountError";
  }
}

export interface AddressView extends UserEmail {
  verified: boolean;
  signIn: boolean;
}

const nowOf = (ctx: { now?: () => Date }) => (ctx.now ? ctx.now() : new Date());

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function verifyLinkUrl(origin: string, token: string): string {
  return `${origin.replace(/\/$/, "")}/account/verify?token=${encodeURIComponent(token)}`;
}

export async function listAddresses(ctx: Pick<AccountContext, "db" | "user">): Promise<AddressView[]> {
  const rows = await listUserEmails(ctx.db, ctx.user.id);
  const signIn = ctx.user.email.trim().toLowerCase();
  return rows.map((r) => ({ ...r, verified: r.verifiedAt !== null, signIn: r.email.toLowerCase() === signIn }));
}

/**
 * Creates a fresh link for the address (earlier ones stop working) and mails it.
 * The address isn't verified yet, so the mail carries no learner-written text:
 * only the sign-in address of the account that asked (which its owner will
 * recognise, or not), the address itself and Sash's own words. The link opens a
 * page that says which account asked; nothing is confirmed until the learner
 * signed in to that account presses Confirm there.
 */
export async function sendVerificationLink(
  db: Db,
  address: { id: string; email: string },
  account: { email: string },
  origin: string,
  now: Date = new Date(),
): Promise<SentMail> {
  const token = randomBytes(32).toString("base64url");
  await insertVerificationToken(db, address.id, hashToken(token), new Date(now.getTime() + VERIFY_LINK_TTL_MS));
  const link = verifyLinkUrl(origin, token);
  const own = address.email.trim().toLowerCase() === account.email.trim().toLowerCase();
  return sendMail({
    to: address.email,
    subject: "Confirm your email address for Sash",
    text: [
      "Hello,",
      "",
      own
        ? `A Sash account was created with the address ${address.email}.`
        : `The Sash account that signs in with ${account.email} asked to add ${address.email} to it.`,
      "If that is your account, open this link, sign in to it, and press Confirm:",
      "",
      link,
      "",
      "The link works once and expires in 24 hours. Once the address is confirmed, Sash can show that",
      "badges issued to it are yours.",
      "",
      own
        ? "If you didn't create this account, ignore this message: the address stays unconfirmed."
        : `If ${account.email} isn't your account, ignore this message: the address won't be added to it.`,
    ].join("\n"),
  });
}

/**
 * The mail for an address that another Sash account already holds verified: no
 * link (it can't be verified twice), and the account that asked sees exactly what
 * it sees for any other address, so adding an address tells nobody whether it is
 * registered.
 */
async function sendAlreadyRegisteredNotice(address: string, account: { email: string }): Promise<SentMail> {
  return sendMail({
    to: address,
    subject: "Confirm your email address for Sash",
    text: [
      "Hello,",
      "",
      `The Sash account that signs in with ${account.email} asked to add ${address} to it.`,
      "This address is already confirmed on a Sash account, so it can't be added to another one, and nothing",
      "has changed. If you hold that account, there is nothing to do.",
      "",
      `If ${account.email} is also yours and you want the address there instead, remove it from the other`,
      "account first (Account page), then add it again.",
    ].join("\n"),
  });
}

async function limitMail(ctx: AccountContext): Promise<void> {
  if (!(await hitRateLimit(ctx.db, `mail:user:${ctx.user.id}`, MAIL_LIMIT))) {
    throw new AccountError(
      "RATE_LIMITED",
      "Too many confirmation emails in the last hour. Please wait a while and try again.",
    );
  }
}

/** The sign-up address: recorded unverified and sent a link. A failing mail server never blocks sign-up. */
export async function registerSignUpAddress(db: Db, user: AccountUser, origin: string): Promise<UserEmail> {
  const { row } = await insertUserEmail(db, user.id, user.email);
  try {
    await sendVerificationLink(db, row, user, origin);
  } catch (e) {
    console.error(`sash: could not send the confirmation email: ${(e as Error).message}`);
  }
  return row;
}

export async function addEmail(ctx: AccountContext, input: string): Promise<AddressView> {
  const parsed = emailAddressSchema.safeParse(input);
  if (!parsed.success)
    throw new AccountError("INVALID_EMAIL", parsed.error.issues[0]?.message ?? "Please enter a valid email address.");
  const email = parsed.data;
  const existing = await findUserEmail(ctx.db, ctx.user.id, email);
  if (existing?.verifiedAt)
    throw new AccountError("ALREADY_VERIFIED", "This address is already on your account and verified.");
  if (!existing && (await listUserEmails(ctx.db, ctx.user.id)).length >= MAX_ADDRESSES) {
    throw new AccountError("TOO_MANY", `You can keep up to ${MAX_ADDRESSES} addresses. Remove one first.`);
  }
  await limitMail(ctx);
  const { row } = await insertUserEmail(ctx.db, ctx.user.id, email);
  // Whether another account holds the address verified is told only to the address itself (issue #25 §1).
  const owner = await findVerifiedOwner(ctx.db, email);
  if (owner && owner.userId !== ctx.user.id) await sendAlreadyRegisteredNotice(row.email, ctx.user);
  else await sendVerificationLink(ctx.db, row, ctx.user, ctx.origin, nowOf(ctx));
  return { ...row, verified: false, signIn: row.email.toLowerCase() === ctx.user.email.toLowerCase() };
}

export async function resendVerification(ctx: AccountContext, id: string): Promise<void> {
  const row = await getUserEmail(ctx.db, ctx.user.id, id);
  if (!row) throw new AccountError("NOT_FOUND", "This address isn't on your account.");
  if (row.verifiedAt) throw new AccountError("ALREADY_VERIFIED", "This address is already verified.");
  await limitMail(ctx);
  const owner = await findVerifiedOwner(ctx.db, row.email);
  if (owner && owner.userId !== ctx.user.id) await sendAlreadyRegisteredNotice(row.email, ctx.user);
  else await sendVerificationLink(ctx.db, row, ctx.user, ctx.origin, nowOf(ctx));
}

/** Removes an address (not the sign-in one); a verified one no longer confirms any badge. */
export async function removeEmail(ctx: AccountContext, id: string): Promise<ReverifySummary | null> {
  const row = await getUserEmail(ctx.db, ctx.user.id, id);
  if (!row) throw new AccountError("NOT_FOUND", "This address isn't on your account.");
  if (row.email.toLowerCase() === ctx.user.email.trim().toLowerCase()) {
    throw new AccountError("SIGN_IN_ADDRESS", "This is the address you sign in with, so it can't be removed.");
  }
  await deleteUserEmail(ctx.db, ctx.user.id, id);
  return row.verifiedAt ? reverifyLearner(ctx.db, ctx.user.id, { fetcher: ctx.fetcher, now: ctx.now }) : null;
}

export type ConfirmFailureCode = "LINK_INVALID" | "LINK_USED" | "LINK_EXPIRED" | "EMAIL_TAKEN" | "WRONG_ACCOUNT";

export type ConfirmResult =
  | { ok: true; email: string; userId: string; reverified: ReverifySummary }
  | { ok: false; code: ConfirmFailureCode; message: string };

/** The confirmation link's failures in the learner wording of their codes (lib/errors/wording.ts); EMAIL_TAKEN says it for this link. */
export const CONFIRM_MESSAGES: Record<ConfirmFailureCode, string> = {
  LINK_INVALID: LEARNER_WORDING.LINK_INVALID,
  LINK_USED: LEARNER_WORDING.LINK_USED,
  LINK_EXPIRED: LEARNER_WORDING.LINK_EXPIRED,
  EMAIL_TAKEN: "This address has been verified on another Sash account, so it can't be verified here.",
  WRONG_ACCOUNT: LEARNER_WORDING.WRONG_ACCOUNT,
};

const fail = <C extends ConfirmFailureCode>(code: C) => ({ ok: false as const, code, message: CONFIRM_MESSAGES[code] });

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** What the confirmation page shows before anything changes: the address and the account that asked for it. */
export type LinkPreview =
  | { ok: true; email: string; userId: string; account: { email: string; name: string } }
  | { ok: false; code: "LINK_INVALID" | "LINK_USED" | "LINK_EXPIRED"; message: string };

/** Reads a confirmation link without using it (opening the link — a GET — changes nothing). */
export async function previewConfirmationLink(
  db: Db,
  token: string,
  opts: { now?: () => Date } = {},
): Promise<LinkPreview> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return fail("LINK_INVALID");
  const link = await findVerificationLink(db, hashToken(token));
  if (!link) return fail("LINK_INVALID");
  if (link.usedAt) return fail("LINK_USED");
  if (link.expiresAt.getTime() <= nowOf(opts).getTime()) return fail("LINK_EXPIRED");
  return {
    ok: true,
    email: link.email,
    userId: link.userId,
    account: { email: link.accountEmail, name: link.accountName },
  };
}

function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, i = 0; cur && i < 4; i++) {
    if ((cur as { code?: unknown }).code === "23505") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Confirms the address, once, for the signed-in learner `userId` who asked to
 * add it (the Confirm button on the link's page: a POST), then re-checks all
 * their credentials. Anyone else — another learner, or nobody — changes nothing.
 */
export async function confirmEmail(
  db: Db,
  token: string,
  userId: string,
  opts: { fetcher?: Fetcher; now?: () => Date } = {},
): Promise<ConfirmResult> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return fail("LINK_INVALID");
  if (typeof userId !== "string" || !userId) return fail("WRONG_ACCOUNT");
  let out;
  try {
    out = await consumeVerificationToken(db, hashToken(token), userId, nowOf(opts));
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    out = { kind: "taken" as const, email: "" };
  }
  switch (out.kind) {
    case "verified": {
      const reverified = await reverifyLearner(db, out.userId, opts);
      return { ok: true, email: out.email, userId: out.userId, reverified };
    }
    case "used":
      return fail("LINK_USED");
    case "expired":
      return fail("LINK_EXPIRED");
    case "taken":
      return fail("EMAIL_TAKEN");
    case "wrong_account":
      return fail("WRONG_ACCOUNT");
    default:
      return fail("LINK_INVALID");
  }
}

/**
 * Reconciliation on the credential page: the learner names the address the
 * issuer sent the badge to. Sash checks it against the badge's (hashed or plain)
 * recipient before adding it and sending a link — a wrong guess adds nothing.
 */
export async function claimBadgeAddress(
  ctx: AccountContext,
  credentialId: string,
  answer: string,
): Promise<AddressView> {
  const parsed = emailAddressSchema.safeParse(answer);
  if (!parsed.success)
    throw new AccountError("INVALID_EMAIL", parsed.error.issues[0]?.message ?? "Please enter a valid email address.");
  const c = await getCredential(ctx.db, ctx.user.id, credentialId);
  if (!c?.record) throw new AccountError("NOT_FOUND", "This credential isn't in your wallet.");
  if (checkRecipient(c.record.recipient, [parsed.data]).status !== "pass") {
    throw new AccountError(
      "ADDRESS_MISMATCH",
      "That isn't the address this badge was issued to. Check for another address you used with the issuer (a work or school address, for example).",
    );
  }
  return addEmail(ctx, parsed.data);
}
