// Account rules shared by sign-up, sign-in and single sign-on.
import { z } from "zod";
import type { Db } from "@/db/client";
import {
  findUserByEmail,
  findUserBySubject,
  insertOidcUser,
  insertPasswordUser,
  setOidcSubject,
} from "@/db/queries/users";
import { findVerifiedOwner } from "@/db/queries/emails";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword, dummyHash } from "./password";
import { hitRateLimit, refundRateLimit, signInLimits, sweepRateLimitsIfDue } from "./rate-limit";

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "Please enter your name.").max(100, "Names can be at most 100 characters."),
  email: z
    .string()
    .trim()
    .max(254, "Email addresses can be at most 254 characters.")
    .pipe(z.email({ message: "Please enter a valid email address, like name@example.org." })),
  password: z
    .string()
    .min(8, "Passwords need at least 8 characters.")
    .max(200, "Passwords can be at most 200 characters."),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export class EmailTakenError extends AppError {
  declare readonly code: "EMAIL_TAKEN";
  constructor() {
    // The learner wording of EMAIL_TAKEN (lib/errors/wording.ts).
    super("EMAIL_TAKEN", undefined, { expose: true });
    this.name = "EmailTakenError";
  }
}

export async function createAccount(db: Db, input: SignUpInput): Promise<{ id: string; name: string; email: string }> {
  const passwordHash = await hashPassword(input.password);
  // The unique index on lower(email) decides races: two simultaneous sign-ups create one account.
  const created = await insertPasswordUser(db, { name: input.name, email: input.email, passwordHash });
  if (!created) throw new EmailTakenError();
  return created;
}

export type SignInOutcome =
  | { ok: true; user: { id: string; name: string; email: string } }
  | { ok: false; reason: "INVALID_CREDENTIALS" | "RATE_LIMITED" };

export async function checkSignIn(db: Db, email: string, password: string, ip: string): Promise<SignInOutcome> {
  const normalized = email.trim().toLowerCase().slice(0, 254);
  const limits = signInLimits();
  await sweepRateLimitsIfDue(db);
  // Failures count, successes don't: reserve a slot now (a burst can't overshoot), give it back on success.
  const ipKey = `signin:ip:${ip}`;
  const emailKey = `signin:email:${normalized}`;
  const ipOk = await hitRateLimit(db, ipKey, limits.perIp);
  const emailOk = await hitRateLimit(db, emailKey, limits.perEmail);
  if (!ipOk || !emailOk) {
    // Not attempted, so not a failure either: a blocked address must not use up a learner's allowance.
    await refundRateLimit(db, ipKey);
    await refundRateLimit(db, emailKey);
    return { ok: false, reason: "RATE_LIMITED" };
  }
  if (!normalized || !password || password.length > 200) {
    await verifyPassword("x", await dummyHash());
    return { ok: false, reason: "INVALID_CREDENTIALS" };
  }
  const user = await findUserByEmail(db, normalized);
  if (!user?.passwordHash) {
    await verifyPassword(password, await dummyHash());
    return { ok: false, reason: "INVALID_CREDENTIALS" };
  }
  if (!(await verifyPassword(password, user.passwordHash))) return { ok: false, reason: "INVALID_CREDENTIALS" };
  await refundRateLimit(db, ipKey);
  await refundRateLimit(db, emailKey);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}

/** Raised when single sign-on would take over an account whose address isn't proven on both sides (issue #11 §2). */
export class OidcLinkRefusedError extends AppError {
  declare readonly code: "OIDC_LINK_REFUSED";
  constructor() {
    // The learner wording of OIDC_LINK_REFUSED (lib/errors/wording.ts).
    super("OIDC_LINK_REFUSED", undefined, { expose: true });
    this.name = "OidcLinkRefusedError";
  }
}

/** Whether single sign-on for (subject, email) may proceed: a known subject, a new address, or a link both sides have verified. */
export async function oidcLinkAllowed(
  db: Db,
  subject: string,
  email: string,
  emailVerified: boolean,
): Promise<boolean> {
  if (await findUserBySubject(db, subject)) return true;
  const byEmail = await findUserByEmail(db, email);
  if (!byEmail) return true;
  if (!emailVerified) return false;
  const owner = await findVerifiedOwner(db, email);
  return owner?.userId === byEmail.id;
}

/**
 * Single sign-on: find the learner by OIDC subject; else link the account with
 * this email only when the provider says `email_verified` and the address is
 * verified in Sash; else create one (its address verified when the provider says so).
 */
export async function upsertOidcUser(
  db: Db,
  subject: string,
  email: string,
  name: string,
  emailVerified = false,
): Promise<{ id: string; name: string; email: string }> {
  const bySub = await findUserBySubject(db, subject);
  if (bySub) return bySub;
  const byEmail = await findUserByEmail(db, email);
  if (byEmail) {
    if (!(await oidcLinkAllowed(db, subject, email, emailVerified))) throw new OidcLinkRefusedError();
    await setOidcSubject(db, byEmail.id, subject);
    return { id: byEmail.id, name: byEmail.name, email: byEmail.email };
  }
  const taken = emailVerified ? await findVerifiedOwner(db, email) : null;
  return insertOidcUser(db, {
    name: name || email,
    email,
    subject,
    verifiedAt: emailVerified && !taken ? new Date() : null,
  });
}
