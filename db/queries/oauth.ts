// Named queries of the OAuth 2.0 authorization server (server/oauth, issue #22 §1): registered clients, a learner's
// grants (consents), their single-use codes and their token pairs. Secrets, codes and tokens arrive here already
// hashed (SHA-256, hex); nothing here sees a usable value. Revoking a grant revokes every token pair under it.
import { and, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { oauthClients, oauthCodes, oauthGrants, oauthTokens, users } from "../schema";
import { isUuid } from "./sql";

export type OAuthClientRow = typeof oauthClients.$inferSelect;
export type NewOAuthClient = typeof oauthClients.$inferInsert;

export async function insertOAuthClient(db: Db, client: NewOAuthClient): Promise<OAuthClientRow> {
  const [row] = await db.insert(oauthClients).values(client).returning();
  return row!;
}

/** The client registered under this public client_id, or null. */
export async function findOAuthClient(db: Db, clientId: string): Promise<OAuthClientRow | null> {
  if (!clientId || clientId.length > 200) return null;
  const [row] = await db.select().from(oauthClients).where(eq(oauthClients.clientId, clientId));
  return row ?? null;
}

/** A new grant (the learner's consent) with its single-use code, in one transaction; returns the grant's id. */
export async function insertGrantWithCode(
  db: Db,
  grant: { userId: string; clientRowId: string; scopes: string[] },
  code: { codeHash: string; redirectUri: string; codeChallenge: string; expiresAt: Date },
): Promise<string> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [g] = await tx
      .insert(oauthGrants)
      .values({ userId: grant.userId, clientId: grant.clientRowId, scopes: grant.scopes })
      .returning({ id: oauthGrants.id });
    await tx.insert(oauthCodes).values({ ...code, grantId: g!.id });
    return g!.id;
  });
}

export interface CodeRow {
  codeId: string;
  grantId: string;
  clientRowId: string;
  userId: string;
  scopes: string[];
  redirectUri: string;
  codeChallenge: string;
  expiresAt: Date;
  /** Whether this call was the one that used the code (false: it had been used before). */
  firstUse: boolean;
  grantRevoked: boolean;
}

/**
 * Marks the code used and returns it with its grant; `firstUse` is false when it had already been used (a replay).
 * Null when no such code exists.
 */
export async function consumeCode(db: Db, codeHash: string, now: Date): Promise<CodeRow | null> {
  const used = await db
    .update(oauthCodes)
    .set({ usedAt: now })
    .where(and(eq(oauthCodes.codeHash, codeHash), isNull(oauthCodes.usedAt)))
    .returning({ id: oauthCodes.id });
  const [row] = await db
    .select({
      codeId: oauthCodes.id,
      grantId: oauthCodes.grantId,
      redirectUri: oauthCodes.redirectUri,
      codeChallenge: oauthCodes.codeChallenge,
      expiresAt: oauthCodes.expiresAt,
      clientRowId: oauthGrants.clientId,
      userId: oauthGrants.userId,
      scopes: oauthGrants.scopes,
      revokedAt: oauthGrants.revokedAt,
    })
    .from(oauthCodes)
    .innerJoin(oauthGrants, eq(oauthGrants.id, oauthCodes.grantId))
    .where(eq(oauthCodes.codeHash, codeHash));
  if (!row) return null;
  const { revokedAt, ...rest } = row;
  return { ...rest, firstUse: used.length === 1, grantRevoked: revokedAt !== null };
}

export interface NewTokenPair {
  accessHash: string;
  refreshHash: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
}

/** Stores a token pair under a grant and marks the grant exchanged (and used now). */
export async function insertTokenPair(db: Db, grantId: string, pair: NewTokenPair, now: Date): Promise<void> {
  await db.insert(oauthTokens).values({ ...pair, grantId, createdAt: now });
  await db
    .update(oauthGrants)
    .set({ exchangedAt: sql`coalesce(${oauthGrants.exchangedAt}, ${now})`, lastUsedAt: now })
    .where(eq(oauthGrants.id, grantId));
}

/** Revokes a grant and every token pair under it (a reused code, a replayed refresh token). */
export async function revokeGrant(db: Db, grantId: string, now: Date): Promise<void> {
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx
      .update(oauthGrants)
      .set({ revokedAt: now })
      .where(and(eq(oauthGrants.id, grantId), isNull(oauthGrants.revokedAt)));
    await tx
      .update(oauthTokens)
      .set({ revokedAt: now })
      .where(and(eq(oauthTokens.grantId, grantId), isNull(oauthTokens.revokedAt)));
  });
}

export interface TokenRow {
  tokenId: string;
  grantId: string;
  userId: string;
  clientRowId: string;
  clientId: string;
  scopes: string[];
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  grantRevokedAt: Date | null;
  grantLastUsedAt: Date | null;
  /** The learner's account is disabled by an admin (issue #21 §4): their tokens answer as revoked. */
  userDisabled: boolean;
}

function tokenSelect(db: Db) {
  return db
    .select({
      tokenId: oauthTokens.id,
      grantId: oauthTokens.grantId,
      userId: oauthGrants.userId,
      clientRowId: oauthGrants.clientId,
      clientId: oauthClients.clientId,
      scopes: oauthGrants.scopes,
      accessExpiresAt: oauthTokens.accessExpiresAt,
      refreshExpiresAt: oauthTokens.refreshExpiresAt,
      rotatedAt: oauthTokens.rotatedAt,
      revokedAt: oauthTokens.revokedAt,
      grantRevokedAt: oauthGrants.revokedAt,
      grantLastUsedAt: oauthGrants.lastUsedAt,
      userDisabled: users.disabled,
    })
    .from(oauthTokens)
    .innerJoin(oauthGrants, eq(oauthGrants.id, oauthTokens.grantId))
    .innerJoin(users, eq(users.id, oauthGrants.userId))
    .innerJoin(oauthClients, eq(oauthClients.id, oauthGrants.clientId));
}

export async function findTokenByAccessHash(db: Db, accessHash: string): Promise<TokenRow | null> {
  const [row] = await tokenSelect(db).where(eq(oauthTokens.accessHash, accessHash));
  return row ?? null;
}

export async function findTokenByRefreshHash(db: Db, refreshHash: string): Promise<TokenRow | null> {
  const [row] = await tokenSelect(db).where(eq(oauthTokens.refreshHash, refreshHash));
  return row ?? null;
}

/**
 * Rotates a refresh token: the old pair is marked rotated and revoked, and the new pair stored, only when the old one
 * was still live (returns false when another request rotated or revoked it first: a replay).
 */
export async function rotateTokenPair(db: Db, oldTokenId: string, next: NewTokenPair, now: Date): Promise<boolean> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [old] = await tx
      .update(oauthTokens)
      .set({ rotatedAt: now, revokedAt: now })
      .where(and(eq(oauthTokens.id, oldTokenId), isNull(oauthTokens.rotatedAt), isNull(oauthTokens.revokedAt)))
      .returning({ grantId: oauthTokens.grantId });
    if (!old) return false;
    await tx.insert(oauthTokens).values({ ...next, grantId: old.grantId, createdAt: now });
    await tx.update(oauthGrants).set({ lastUsedAt: now }).where(eq(oauthGrants.id, old.grantId));
    return true;
  });
}

/** Revokes one token pair (RFC 7009), only when it belongs to a grant of this client. */
export async function revokeTokenPair(db: Db, tokenId: string, clientRowId: string, now: Date): Promise<void> {
  await db
    .update(oauthTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(oauthTokens.id, tokenId),
        isNull(oauthTokens.revokedAt),
        inArray(
          oauthTokens.grantId,
          db.select({ id: oauthGrants.id }).from(oauthGrants).where(eq(oauthGrants.clientId, clientRowId)),
        ),
      ),
    );
}

/** Records a use of the grant, at most once a minute (a bearer call is cheap: no write most of the time). */
export async function touchGrant(db: Db, grantId: string, now: Date): Promise<void> {
  const minuteAgo = new Date(now.getTime() - 60_000);
  await db
    .update(oauthGrants)
    .set({ lastUsedAt: now })
    .where(and(eq(oauthGrants.id, grantId), or(isNull(oauthGrants.lastUsedAt), lt(oauthGrants.lastUsedAt, minuteAgo))));
}

export interface ConnectedAppRow {
  clientRowId: string;
  clientName: string;
  clientUri: string;
  scopes: string[];
  connectedAt: Date;
  lastUsedAt: Date | null;
}

/** The clients this learner has live grants for (consent given and the code exchanged), newest use first. */
export async function listConnectedApps(db: Db, userId: string): Promise<ConnectedAppRow[]> {
  if (!isUuid(userId)) return [];
  const rows = await db
    .select({
      clientRowId: oauthClients.id,
      clientName: oauthClients.clientName,
      clientUri: oauthClients.clientUri,
      scopes: oauthGrants.scopes,
      createdAt: oauthGrants.createdAt,
      lastUsedAt: oauthGrants.lastUsedAt,
    })
    .from(oauthGrants)
    .innerJoin(oauthClients, eq(oauthClients.id, oauthGrants.clientId))
    .where(and(eq(oauthGrants.userId, userId), isNull(oauthGrants.revokedAt), isNotNull(oauthGrants.exchangedAt)))
    .orderBy(desc(oauthGrants.createdAt));
  const byClient = new Map<string, ConnectedAppRow>();
  for (const r of rows) {
    const cur = byClient.get(r.clientRowId);
    if (!cur) {
      byClient.set(r.clientRowId, {
        clientRowId: r.clientRowId,
        clientName: r.clientName,
        clientUri: r.clientUri,
        scopes: [...r.scopes],
        connectedAt: r.createdAt,
        lastUsedAt: r.lastUsedAt,
      });
      continue;
    }
    for (const s of r.scopes) if (!cur.scopes.includes(s)) cur.scopes.push(s);
    if (r.createdAt < cur.connectedAt) cur.connectedAt = r.createdAt;
    if (r.lastUsedAt && (!cur.lastUsedAt || r.lastUsedAt > cur.lastUsedAt)) cur.lastUsedAt = r.lastUsedAt;
  }
  return [...byClient.values()].sort(
    (a, b) => (b.lastUsedAt ?? b.connectedAt).getTime() - (a.lastUsedAt ?? a.connectedAt).getTime(),
  );
}

/** Disconnect: revokes every grant of this learner to this client and all their tokens; returns how many grants. */
export async function revokeClientForUser(db: Db, userId: string, clientRowId: string, now: Date): Promise<number> {
  if (!isUuid(userId) || !isUuid(clientRowId)) return 0;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const grants = await tx
      .update(oauthGrants)
      .set({ revokedAt: now })
      .where(and(eq(oauthGrants.userId, userId), eq(oauthGrants.clientId, clientRowId), isNull(oauthGrants.revokedAt)))
      .returning({ id: oauthGrants.id });
    if (!grants.length) return 0;
    await tx
      .update(oauthTokens)
      .set({ revokedAt: now })
      .where(
        and(
          inArray(
            oauthTokens.grantId,
            grants.map((g) => g.id),
          ),
          isNull(oauthTokens.revokedAt),
        ),
      );
    return grants.length;
  });
}
