// Named queries for accounts: sign-up, sign-in by email, and single sign-on by
// OIDC subject. Email lookups are case-insensitive (the unique index is on lower(email)).
import { and, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { userEmails, users } from "../schema";
import { isUuid } from "./sql";

export interface AccountRow {
  id: string;
  name: string;
  email: string;
}

const accountColumns = { id: users.id, name: users.name, email: users.email };

/** A new password account, or null when the address is taken (the unique index decides races). */
export async function insertPasswordUser(
  db: Db,
  input: { name: string; email: string; passwordHash: string },
): Promise<AccountRow | null> {
  const rows = await db.insert(users).values(input).onConflictDoNothing().returning(accountColumns);
  return rows[0] ?? null;
}

/** The account signed in with this address (any case), with its password hash (null for single sign-on only). */
export async function findUserByEmail(
  db: Db,
  email: string,
): Promise<(AccountRow & { passwordHash: string | null; disabled: boolean }) | null> {
  const [row] = await db
    .select({ ...accountColumns, passwordHash: users.passwordHash, disabled: users.disabled })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row ?? null;
}

export async function findUserBySubject(db: Db, subject: string): Promise<AccountRow | null> {
  const [row] = await db.select(accountColumns).from(users).where(eq(users.oidcSubject, subject));
  return row ?? null;
}

export async function findUserById(db: Db, id: string): Promise<AccountRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select(accountColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

/** Links an existing account to an OIDC subject. */
export async function setOidcSubject(db: Db, userId: string, subject: string): Promise<void> {
  await db.update(users).set({ oidcSubject: subject }).where(eq(users.id, userId));
}

/** A new single sign-on account, with its address in user_emails (verified at `verifiedAt`, or not yet). */
export async function insertOidcUser(
  db: Db,
  input: { name: string; email: string; subject: string; verifiedAt: Date | null },
): Promise<AccountRow> {
  const [created] = await db
    .insert(users)
    .values({ name: input.name, email: input.email, oidcSubject: input.subject })
    .returning(accountColumns);
  await db
    .insert(userEmails)
    .values({ userId: created!.id, email: input.email, verifiedAt: input.verifiedAt })
    .onConflictDoNothing();
  return created!;
}

/** Removes an account's password (it can no longer sign in with one). */
export async function clearPassword(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ passwordHash: null }).where(eq(users.id, userId));
}

// ---- Sessions and passwords (issue #21 §1-2) ------------------------------------------------------------------------

/** What every request's session check reads: the account as it is now, and the version its sessions must carry. */
export interface SessionState extends AccountRow {
  sessionVersion: number;
  hasPassword: boolean;
  /** An admin disabled the account (issue #21 §4): no session holds. */
  disabled: boolean;
}

export async function findSessionState(db: Db, id: string): Promise<SessionState | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      ...accountColumns,
      sessionVersion: users.sessionVersion,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
      disabled: users.disabled,
    })
    .from(users)
    .where(eq(users.id, id));
  return row ? { ...row, hasPassword: row.hasPassword === true || String(row.hasPassword) === "true" } : null;
}

/** The account's password hash (null: single sign-on only, or no such account). */
export async function findPasswordHash(db: Db, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id));
  return row?.passwordHash ?? null;
}

/** Ends every session of the learner: returns the new version (null when there is no such account). */
export async function bumpSessionVersion(db: Db, id: string): Promise<number | null> {
  if (!isUuid(id)) return null;
  const rows = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id))
    .returning({ v: users.sessionVersion });
  return rows[0]?.v ?? null;
}

/** A new password; every session ends (the new version is returned, null when there is no such account). */
export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<number | null> {
  if (!isUuid(id)) return null;
  const rows = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id))
    .returning({ v: users.sessionVersion });
  return rows[0]?.v ?? null;
}

/**
 * Replaces a stored password hash with a stronger one of the same password (server/auth/password.ts
 * `needsRehash`), only while the row still holds `from`: a password changed meanwhile stays. Sessions
 * stay too (the password is the same), so the session version is left alone.
 */
export async function upgradePasswordHash(db: Db, id: string, from: string, to: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .update(users)
    .set({ passwordHash: to })
    .where(and(eq(users.id, id), eq(users.passwordHash, from)))
    .returning({ id: users.id });
  return rows.length === 1;
}

/**
 * Makes one of the learner's verified addresses the primary one (the account's address: sign-in and mail).
 * "not_verified": not a verified address of theirs; "taken": another account signs in with it.
 */
export async function setPrimaryEmail(
  db: Db,
  id: string,
  email: string,
): Promise<{ ok: true; email: string } | { ok: false; reason: "not_verified" | "taken" }> {
  if (!isUuid(id)) return { ok: false, reason: "not_verified" };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [own] = await tx
      .select({ email: userEmails.email })
      .from(userEmails)
      .where(
        and(
          eq(userEmails.userId, id),
          sql`lower(${userEmails.email}) = ${email.trim().toLowerCase()}`,
          isNotNull(userEmails.verifiedAt),
        ),
      );
    if (!own) return { ok: false as const, reason: "not_verified" as const };
    const [other] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(sql`lower(${users.email}) = ${own.email.toLowerCase()}`, ne(users.id, id)));
    if (other) return { ok: false as const, reason: "taken" as const };
    await tx.update(users).set({ email: own.email }).where(eq(users.id, id));
    return { ok: true as const, email: own.email };
  });
}
