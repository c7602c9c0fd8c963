// Named queries for a learner's email addresses and their verification links
// (issue #11 §2). Every read and write of an address goes by (user, address id),
// so another learner's id finds nothing. Tokens are stored only as SHA-256 hashes.
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { emailVerificationTokens, userEmails, users } from "../schema";
import { isUuid } from "./sql";

export interface UserEmail {
  id: string;
  email: string;
  verifiedAt: Date | null;
  createdAt: Date;
}

const columns = {
  id: userEmails.id,
  email: userEmails.email,
  verifiedAt: userEmails.verifiedAt,
  createdAt: userEmails.createdAt,
};

/** The learner's addresses, oldest first (the sign-up address leads). */
export async function listUserEmails(db: Db, userId: string): Promise<UserEmail[]> {
  return db
    .select(columns)
    .from(userEmails)
    .where(eq(userEmails.userId, userId))
    .orderBy(asc(userEmails.createdAt), asc(userEmails.email));
}

/** Only the verified addresses: the ones the recipient check may match. */
export async function listVerifiedEmails(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ email: userEmails.email })
    .from(userEmails)
    .where(and(eq(userEmails.userId, userId), isNotNull(userEmails.verifiedAt)))
    .orderBy(asc(userEmails.createdAt));
  return rows.map((r) => r.email);
}

export async function getUserEmail(db: Db, userId: string, id: string): Promise<UserEmail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select(columns)
    .from(userEmails)
    .where(and(eq(userEmails.id, id), eq(userEmails.userId, userId)));
  return row ?? null;
}

export async function findUserEmail(db: Db, userId: string, email: string): Promise<UserEmail | null> {
  const [row] = await db
    .select(columns)
    .from(userEmails)
    .where(and(eq(userEmails.userId, userId), sql`lower(${userEmails.email}) = ${email.trim().toLowerCase()}`));
  return row ?? null;
}

/** Whether some learner holds this address verified (and who). */
export async function findVerifiedOwner(db: Db, email: string): Promise<{ userId: string } | null> {
  const [row] = await db
    .select({ userId: userEmails.userId })
    .from(userEmails)
    .where(and(sql`lower(${userEmails.email}) = ${email.trim().toLowerCase()}`, isNotNull(userEmails.verifiedAt)))
    .limit(1);
  return row ?? null;
}

/** Adds an unverified address; returns the existing row when the learner already has it. */
export async function insertUserEmail(
  db: Db,
  userId: string,
  email: string,
): Promise<{ row: UserEmail; created: boolean }> {
  const inserted = await db
    .insert(userEmails)
    .values({ userId, email: email.trim() })
    .onConflictDoNothing()
    .returning(columns);
  if (inserted[0]) return { row: inserted[0], created: true };
  const existing = await findUserEmail(db, userId, email);
  if (!existing) throw new Error("user_emails: insert conflicted but no row was found");
  return { row: existing, created: false };
}

export async function deleteUserEmail(db: Db, userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .delete(userEmails)
    .where(and(eq(userEmails.id, id), eq(userEmails.userId, userId)))
    .returning({ id: userEmails.id });
  return rows.length > 0;
}

/** A new link for an address; earlier unused links for it stop working. */
export async function insertVerificationToken(
  db: Db,
  userEmailId: string,
  tokenHash: string,
  expiresAt: Date,
): Promise<void> {
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx
      .delete(emailVerificationTokens)
      .where(and(eq(emailVerificationTokens.userEmailId, userEmailId), isNull(emailVerificationTokens.usedAt)));
    await tx.insert(emailVerificationTokens).values({ tokenHash, userEmailId, expiresAt });
  });
}

/** What a confirmation link is for, read without using it: the address, and the account that asked to add it. */
export interface VerificationLink {
  email: string;
  userId: string;
  accountEmail: string;
  accountName: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export async function findVerificationLink(db: Db, tokenHash: string): Promise<VerificationLink | null> {
  const [row] = await db
    .select({
      email: userEmails.email,
      userId: userEmails.userId,
      accountEmail: users.email,
      accountName: users.name,
      expiresAt: emailVerificationTokens.expiresAt,
      usedAt: emailVerificationTokens.usedAt,
    })
    .from(emailVerificationTokens)
    .innerJoin(userEmails, eq(userEmails.id, emailVerificationTokens.userEmailId))
    .innerJoin(users, eq(users.id, userEmails.userId))
    .where(eq(emailVerificationTokens.tokenHash, tokenHash));
  return row ?? null;
}

export type ConsumeOutcome =
  | { kind: "verified"; userId: string; email: string; userEmailId: string }
  | { kind: "unknown" | "used" | "expired" | "wrong_account" }
  | { kind: "taken"; email: string };

/**
 * Uses a link once, for the learner who asked for it (`userId`): marks the token
 * used and the address verified in one transaction. Another learner's attempt
 * changes nothing (the link still works for its owner); a second use, an expired
 * link, or an address another learner has verified meanwhile verifies nothing.
 */
export async function consumeVerificationToken(
  db: Db,
  tokenHash: string,
  userId: string,
  now: Date,
): Promise<ConsumeOutcome> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [tok] = await tx
      .select({
        userEmailId: emailVerificationTokens.userEmailId,
        expiresAt: emailVerificationTokens.expiresAt,
        usedAt: emailVerificationTokens.usedAt,
        userId: userEmails.userId,
        email: userEmails.email,
      })
      .from(emailVerificationTokens)
      .innerJoin(userEmails, eq(userEmails.id, emailVerificationTokens.userEmailId))
      .where(eq(emailVerificationTokens.tokenHash, tokenHash))
      .for("update");
    if (!tok) return { kind: "unknown" as const };
    if (tok.userId !== userId) return { kind: "wrong_account" as const };
    if (tok.usedAt) return { kind: "used" as const };
    if (tok.expiresAt.getTime() <= now.getTime()) return { kind: "expired" as const };
    const used = await tx
      .update(emailVerificationTokens)
      .set({ usedAt: now })
      .where(and(eq(emailVerificationTokens.tokenHash, tokenHash), isNull(emailVerificationTokens.usedAt)))
      .returning({ h: emailVerificationTokens.tokenHash });
    if (!used.length) return { kind: "used" as const };
    const other = await tx
      .select({ id: userEmails.id })
      .from(userEmails)
      .where(
        and(
          sql`lower(${userEmails.email}) = ${tok.email.toLowerCase()}`,
          isNotNull(userEmails.verifiedAt),
          sql`${userEmails.userId} <> ${tok.userId}`,
        ),
      );
    if (other.length) return { kind: "taken" as const, email: tok.email };
    await tx
      .update(userEmails)
      .set({ verifiedAt: sql`coalesce(${userEmails.verifiedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(userEmails.id, tok.userEmailId));
    return { kind: "verified" as const, userId: tok.userId, email: tok.email, userEmailId: tok.userEmailId };
  });
}
