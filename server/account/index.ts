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
  findVerifiedOwner,
  getUserEmail,
  insertUserEmail,
  insertVerificationToken,
  listUserEmails,
  type UserEmail,
} from "@/db/queries/emails";
import { getCredential } from "@/db/queries/credentials";
import type { Fetcher } from "@/lib/badges/types";
import { AppError } from "@/lib/errors";
import { checkRecipient } from "@/lib/badges/verify/recipient";
import { sendMail, type SentMail } from "@/server/mail";
import { hitRateLimit } from "@/server/auth/rate-limit";
import { reverifyLearner, type ReverifySummary } from "@/server/reverify";

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
  | "ADDRESS_MISMATCH";

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

/** Creates a fresh link for the address (earlier ones stop working) and mails it. */
export async function sendVerificationLink(
  db: Db,
  address: { id: string; email: string },
  learnerName: string,
  origin: string,
  now: Date = new Date(),
): Promise<SentMail> {
  const token = randomBytes(32).toString("base64url");
  await insertVerificationToken(db, address.id, hashToken(token), new Date(now.getTime() + VERIFY_LINK_TTL_MS));
  const link = verifyLinkUrl(origin, token);
  return sendMail({
    to: address.email,
    subject: "Confirm your email address for Sash",
    text: [
      `Hello${learnerName ? ` ${learnerName}` : ""},`,
      "",
      `Please confirm that ${address.email} is your address by opening this link:`,
      "",
      link,
      "",
      "The link works once and expires in 24 hours. Once the address is confirmed, Sash can show that",
      "badges issued to it are yours.",
      "",
      "If you didn't add this address to Sash, you can ignore this message.",
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
    await sendVerificationLink(db, row, user.name, origin);
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
  const owner = await findVerifiedOwner(ctx.db, email);
  if (owner && owner.userId !== ctx.user.id) {
    throw new AccountError("EMAIL_TAKEN", "This address is already verified on another Sash account.");
  }
  if (!existing && (await listUserEmails(ctx.db, ctx.user.id)).length >= MAX_ADDRESSES) {
    throw new AccountError("TOO_MANY", `You can keep up to ${MAX_ADDRESSES} addresses. Remove one first.`);
  }
  await limitMail(ctx);
  const { row } = await insertUserEmail(ctx.db, ctx.user.id, email);
  await sendVerificationLink(ctx.db, row, ctx.user.name, ctx.origin, nowOf(ctx));
  return { ...row, verified: false, signIn: row.email.toLowerCase() === ctx.user.email.toLowerCase() };
}

export async function resendVerification(ctx: AccountContext, id: string): Promise<void> {
  const row = await getUserEmail(ctx.db, ctx.user.id, id);
  if (!row) throw new AccountError("NOT_FOUND", "This address isn't on your account.");
  if (row.verifiedAt) throw new AccountError("ALREADY_VERIFIED", "This address is already verified.");
  await limitMail(ctx);
  await sendVerificationLink(ctx.db, row, ctx.user.name, ctx.origin, nowOf(ctx));
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

export type ConfirmResult =
  | { ok: true; email: string; userId: string; reverified: ReverifySummary }
  | { ok: false; code: "LINK_INVALID" | "LINK_USED" | "LINK_EXPIRED" | "EMAIL_TAKEN"; message: string };

function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, i = 0; cur && i < 4; i++) {
    if ((cur as { code?: unknown }).code === "23505") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** Opening the link: verifies the address once, then re-checks all the learner's credentials. */
export async function confirmEmail(
  db: Db,
  token: string,
  opts: { fetcher?: Fetcher; now?: () => Date } = {},
): Promise<ConfirmResult> {
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) {
    return {
      ok: false,
      code: "LINK_INVALID",
      message:
        "This confirmation link isn't valid. Open the latest link from your email, or send a new one from your account page.",
    };
  }
  let out;
  try {
    out = await consumeVerificationToken(db, hashToken(token), nowOf(opts));
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
      return {
        ok: false,
        code: "LINK_USED",
        message:
          "This confirmation link has already been used. If the address still shows “Not verified”, send a new link from your account page.",
      };
    case "expired":
      return {
        ok: false,
        code: "LINK_EXPIRED",
        message: "This confirmation link has expired (links work for 24 hours). Send a new one from your account page.",
      };
    case "taken":
      return {
        ok: false,
        code: "EMAIL_TAKEN",
        message: "This address has been verified on another Sash account, so it can't be verified here.",
      };
    default:
      return {
        ok: false,
        code: "LINK_INVALID",
        message:
          "This confirmation link isn't valid. Open the latest link from your email, or send a new one from your account page.",
      };
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
