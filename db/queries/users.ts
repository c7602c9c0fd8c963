// Named queries for accounts: sign-up, sign-in by email, and single sign-on by
// OIDC subject. Email lookups are case-insensitive (the unique index is on lower(email)).
import { eq, sql } from "drizzle-orm";
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
): Promise<(AccountRow & { passwordHash: string | null }) | null> {
  const [row] = await db
    .select({ ...accountColumns, passwordHash: users.passwordHash })
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
