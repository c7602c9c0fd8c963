// Account rules shared by sign-up, sign-in and single sign-on.
import { z } from "zod";
import type { Db } from "@/db/client";
import {
  findUserByEmail,
  findUserById,
  findUserBySubject,
  insertOidcUser,
  insertPasswordUser,
  setOidcSubject,
  upgradePasswordHash,
} from "@/db/queries/users";
import { findVerifiedOwner } from "@/db/queries/emails";
import { AppError } from "@/lib/errors";
import { MAX_NAME, nameSchema, toSingleLine } from "@/lib/wallet/rules";
import { hashPassword, verifyPassword, dummyHash, needsRehash } from "./password";
import {
  hitRateLimit,
  readRateLimit,
  refundRateLimit,
  signInDelayMs,
  signInLimits,
  sweepRateLimitsIfDue,
} from "./rate-limit";

export const signUpSchema = z.object({
  /** One line, no control characters, at most 100 characters (issue #25 §2). */
  name: nameSchema,
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
  // The service holds the rule too, for any caller that skipped the form's schema.
  const name = nameSchema.safeParse(input.name);
  if (!name.success) {
    throw new AppError("INVALID_NAME", name.error.issues[0]?.message ?? "Please enter your name on one line.", {
      expose: true,
    });
  }
  const passwordHash = await hashPassword(input.password);
  // The unique index on lower(email) decides races: two simultaneous sign-ups create one account.
  const created = await insertPasswordUser(db, { name: name.data, email: input.email, passwordHash });
  if (!created) throw new EmailTakenError();
  return created;
}

export type SignInOutcome =
  | { ok: true; user: { id: string; name: string; email: string } }
  | { ok: false; reason: "INVALID_CREDENTIALS" | "RATE_LIMITED" | "ACCOUNT_DISABLED" };

export interface SignInOptions {
  /** How the enforced wait is spent (a timer; tests record it). */
  wait?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Checks a password sign-in. Failures count per (address, client address) and per
 * client address — past either limit that client is refused for the window — and
 * per address from every client, which only adds a growing wait (a few seconds
 * at most) before the password is checked: wrong passwords sent from elsewhere
 * slow the owner down a little but never lock them out (issue #25 §3).
 */
export async function checkSignIn(
  db: Db,
  email: string,
  password: string,
  ip: string,
  opts: SignInOptions = {},
): Promise<SignInOutcome> {
  const normalized = email.trim().toLowerCase().slice(0, 254);
  const limits = signInLimits();
  await sweepRateLimitsIfDue(db);
  // Failures count, successes don't: reserve a slot now (a burst can't overshoot), give it back on success.
  const ipKey = `signin:ip:${ip}`;
  const pairKey = `signin:email-ip:${JSON.stringify([normalized, ip])}`;
  const emailKey = `signin:email:${normalized}`;
  const ipOk = await hitRateLimit(db, ipKey, limits.perIp);
  const pairOk = await hitRateLimit(db, pairKey, limits.perEmailAndIp);
  if (!ipOk || !pairOk) {
    // Not attempted, so not a failure either: a blocked client must not use up a learner's allowance.
    await refundRateLimit(db, ipKey);
    await refundRateLimit(db, pairKey);
    return { ok: false, reason: "RATE_LIMITED" };
  }
  const delay = signInDelayMs(await readRateLimit(db, emailKey, limits.emailDelayAfter), limits.emailDelayAfter.max);
  if (delay > 0) await (opts.wait ?? sleep)(delay);
  const failed = async (): Promise<SignInOutcome> => {
    await hitRateLimit(db, emailKey, limits.emailDelayAfter);
    return { ok: false, reason: "INVALID_CREDENTIALS" };
  };
  if (!normalized || !password || password.length > 200) {
    await verifyPassword("x", await dummyHash());
    return failed();
  }
  const user = await findUserByEmail(db, normalized);
  if (!user?.passwordHash) {
    await verifyPassword(password, await dummyHash());
    return failed();
  }
  if (!(await verifyPassword(password, user.passwordHash))) return failed();
  await refundRateLimit(db, ipKey);
  await refundRateLimit(db, pairKey);
  // The right password for an account an admin disabled (issue #21 §4): no sign-in, and it says why.
  if (user.disabled) return { ok: false, reason: "ACCOUNT_DISABLED" };
  // A hash from before argon2id (or at other costs) is replaced now that the password is at hand; once
  // per account. Until then such an account's sign-in takes the old hash's time.
  if (needsRehash(user.passwordHash))
    await upgradePasswordHash(db, user.id, user.passwordHash, await hashPassword(password));
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

/**
 * Whether single sign-on for (subject, email) may proceed (issue #25 §1): an
 * identity Sash already knows (the account it created, or one its learner linked),
 * or an address no account signs in with. An existing account is linked to a new
 * identity only when its learner, signed in to it, asked for that (`linkTo` is
 * their account id, from the confirmed "Connect" step) — never because both
 * sides call the address verified.
 */
export async function oidcLinkAllowed(
  db: Db,
  subject: string,
  email: string,
  linkTo: string | null = null,
): Promise<boolean> {
  if (await findUserBySubject(db, subject)) return true;
  if (linkTo) return true;
  return !(await findUserByEmail(db, email));
}

/**
 * Single sign-on: find the learner by OIDC subject; else link the identity to the
 * signed-in learner who confirmed it (`linkTo`); else create an account — refused
 * when another account already signs in with this address. A new account's
 * address is verified when the provider says so; its name is made one line.
 */
export async function upsertOidcUser(
  db: Db,
  subject: string,
  email: string,
  name: string,
  emailVerified = false,
  linkTo: string | null = null,
): Promise<{ id: string; name: string; email: string }> {
  const bySub = await findUserBySubject(db, subject);
  if (bySub) return bySub;
  if (linkTo) {
    const linked = await findUserById(db, linkTo);
    if (!linked) throw new OidcLinkRefusedError();
    await setOidcSubject(db, linked.id, subject);
    return linked;
  }
  if (!(await oidcLinkAllowed(db, subject, email))) throw new OidcLinkRefusedError();
  const taken = emailVerified ? await findVerifiedOwner(db, email) : null;
  return insertOidcUser(db, {
    name: toSingleLine(name, MAX_NAME) || email,
    email,
    subject,
    verifiedAt: emailVerified && !taken ? new Date() : null,
  });
}

/** The claims single sign-on reads from the provider's id_token / userinfo. */
export interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
  email_verified?: boolean | string;
}

/** The provider vouches for the address (some send "true" as a string). */
export const providerVerified = (p: OidcProfile) => p.email_verified === true || p.email_verified === "true";

/** Sash's key for an identity: the issuer and its subject. */
export const oidcSubjectOf = (issuer: string, sub: string) => `${issuer}|${sub}`;

/**
 * next-auth's signIn callback for the provider: whether this identity may sign in
 * (`linkTo`: the signed-in learner who pressed "Connect single sign-on", or null).
 */
export async function oidcSignInAllowed(
  db: Db,
  issuer: string,
  profile: OidcProfile | undefined,
  linkTo: string | null,
): Promise<boolean> {
  if (!profile?.sub || !profile.email) return false;
  return oidcLinkAllowed(db, oidcSubjectOf(issuer, profile.sub), profile.email, linkTo);
}

/** next-auth's jwt callback for the provider: the account this identity signs in to (found, linked or created). */
export async function oidcAccount(
  db: Db,
  issuer: string,
  profile: OidcProfile,
  linkTo: string | null,
): Promise<{ id: string; name: string; email: string }> {
  return upsertOidcUser(
    db,
    oidcSubjectOf(issuer, profile.sub),
    profile.email ?? "",
    profile.name ?? profile.preferred_username ?? "",
    providerVerified(profile),
    linkTo,
  );
}
