// Verifiable presentations (issue #13 §6): the learner's holder key and the credentials
// a presentation may carry. Every query is filtered by the learner.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { credentials, holderKeys } from "../schema";

export interface HolderKeyRow {
  did: string;
  publicKeyMultibase: string;
  /** Encrypted; only server/presentation/keys.ts can open it. */
  secretKeyEncrypted: string;
  keyVersion: number;
}

const keyColumns = {
  did: holderKeys.did,
  publicKeyMultibase: holderKeys.publicKeyMultibase,
  secretKeyEncrypted: holderKeys.secretKeyEncrypted,
  keyVersion: holderKeys.keyVersion,
};

export async function getHolderKey(db: Db, userId: string): Promise<HolderKeyRow | null> {
  const [row] = await db.select(keyColumns).from(holderKeys).where(eq(holderKeys.userId, userId)).limit(1);
  return row ?? null;
}

/**
 * Stores the learner's key unless one exists already, and returns the one stored: two
 * first uses at once keep one key (the later insert does nothing and reads the first).
 */
export async function insertHolderKey(db: Db, userId: string, key: HolderKeyRow): Promise<HolderKeyRow> {
  await db
    .insert(holderKeys)
    .values({ userId, ...key })
    .onConflictDoNothing({ target: holderKeys.userId });
  const stored = await getHolderKey(db, userId);
  if (!stored) throw new Error("holder key vanished after insert");
  return stored;
}

/** Replaces a key that can no longer be opened (AUTH_SECRET changed); only if it is still `did`. */
export async function replaceHolderKey(db: Db, userId: string, did: string, key: HolderKeyRow): Promise<HolderKeyRow> {
  await db
    .update(holderKeys)
    .set({ ...key, createdAt: new Date() })
    .where(and(eq(holderKeys.userId, userId), eq(holderKeys.did, did)));
  const stored = await getHolderKey(db, userId);
  if (!stored) throw new Error("holder key vanished after update");
  return stored;
}

export interface PresentableRow {
  id: string;
  title: string;
  issuerName: string | null;
  issuedOn: Date | null;
  spec: string | null;
  raw: string | null;
  verificationResult: string | null;
}

/** The learner's credentials, newest first (all, or those with the given ids). */
export async function listPresentableCredentials(db: Db, userId: string, ids?: string[]): Promise<PresentableRow[]> {
  const where = ids
    ? and(eq(credentials.userId, userId), inArray(credentials.id, ids))
    : eq(credentials.userId, userId);
  return db
    .select({
      id: credentials.id,
      title: credentials.title,
      issuerName: credentials.issuerName,
      issuedOn: credentials.issuedOn,
      spec: credentials.spec,
      raw: credentials.raw,
      verificationResult: credentials.verificationResult,
    })
    .from(credentials)
    .where(where)
    .orderBy(desc(credentials.createdAt), desc(credentials.id))
    .limit(2000);
}
