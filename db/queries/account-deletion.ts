// Erasing a learner (issue #21 §2): the account and every row that belongs to it,
// in one transaction. Rows that name the learner by id cascade from `users`
// (addresses and their links, credentials, files, uploads, skills, learner
// records, the record share, the presentation key, reset links); rate-limit
// counters are keyed by address or id, so they are deleted here by key. The
// share triggers (migrations 0004/0008) raise NOTIFY sash_share for every slug
// that goes, from this transaction, so every instance drops its cached pages.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { credentials, recordShares, userEmails, users } from "../schema";
import { isUuid, rowsOf } from "./sql";

export interface AccountFootprint {
  userId: string;
  name: string;
  /** The primary address (sign-in and mail). */
  email: string;
  /** Every address on the account (the primary one included), as stored. */
  addresses: string[];
  /** Share slugs of every credential and of the whole-record page. */
  slugs: string[];
}

/** Escapes a value for a PostgreSQL regular expression (ARE). */
function regexQuote(value: string): string {
  return value.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}

async function footprint(db: Db, userId: string, lock: boolean): Promise<AccountFootprint | null> {
  const q = db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  const [user] = lock ? await q.for("update") : await q;
  if (!user) return null;
  const emails = await db.select({ email: userEmails.email }).from(userEmails).where(eq(userEmails.userId, userId));
  const creds = await db
    .select({ slug: credentials.shareSlug })
    .from(credentials)
    .where(eq(credentials.userId, userId));
  const rec = await db
    .select({ slug: recordShares.shareSlug })
    .from(recordShares)
    .where(eq(recordShares.userId, userId));
  const addresses = [user.email, ...emails.map((e) => e.email)].filter(
    (a, i, all) => all.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i,
  );
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    addresses,
    slugs: [...creds.map((c) => c.slug), ...rec.map((r) => r.slug)],
  };
}

/** What deleting the account would erase, read without changing anything. */
export async function readAccountFootprint(db: Db, userId: string): Promise<AccountFootprint | null> {
  if (!isUuid(userId)) return null;
  return footprint(db, userId, false);
}

/**
 * Deletes the learner and everything of theirs in one transaction; returns what
 * went (null: no such account). Rate-limit counters whose key names one of
 * their addresses or their id as a whole key part (`signin:email:<address>`,
 * `signin:email-ip:["<address>",…]`, `mail:user:<id>`, …) go too.
 */
export async function deleteAccountRows(db: Db, userId: string): Promise<AccountFootprint | null> {
  if (!isUuid(userId)) return null;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const found = await footprint(tx, userId, true);
    if (!found) return null;
    const values = [...found.addresses.map((a) => a.trim().toLowerCase()), userId.toLowerCase()];
    for (const v of values) {
      const pattern = `(^|[:"\\[])${regexQuote(v)}($|[:",\\]])`;
      await tx.execute(sql`delete from rate_limits where lower(key) ~ ${pattern}`);
    }
    const res = await tx.execute(sql`delete from users where id = ${userId} returning id`);
    if (!rowsOf<{ id: string }>(res).length) return null;
    return found;
  });
}
