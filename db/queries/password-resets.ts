// Named queries for password reset links (issue #21 §1). Only the SHA-256 of a
// token is stored; a link is used once, inside one transaction that also sets
// the new password and ends every session of the learner.
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { passwordResetTokens, users } from "../schema";

/** A new link for the learner, mailed to `email`; their earlier unused links stop working. */
export async function insertResetToken(
  db: Db,
  input: { tokenHash: string; userId: string; email: string; expiresAt: Date },
): Promise<void> {
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx
      .delete(passwordResetTokens)
      .where(and(eq(passwordResetTokens.userId, input.userId), isNull(passwordResetTokens.usedAt)));
    await tx.insert(passwordResetTokens).values(input);
  });
}

export interface ResetLink {
  userId: string;
  email: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Reads a link without using it. */
export async function findResetToken(db: Db, tokenHash: string): Promise<ResetLink | null> {
  const [row] = await db
    .select({
      userId: passwordResetTokens.userId,
      email: passwordResetTokens.email,
      expiresAt: passwordResetTokens.expiresAt,
      usedAt: passwordResetTokens.usedAt,
    })
    .from(passwordResetTokens)
    .where(eq(passwordResetTokens.tokenHash, tokenHash));
  return row ?? null;
}

export type ResetOutcome = { kind: "reset"; userId: string; email: string } | { kind: "unknown" | "used" | "expired" };

/**
 * Uses a link once: marks it used, sets the new password, raises the session
 * version (every session of the learner ends) and drops their other unused
 * links — all in one transaction. A second use, or an expired link, changes nothing.
 */
export async function consumeResetToken(
  db: Db,
  tokenHash: string,
  passwordHash: string,
  now: Date,
): Promise<ResetOutcome> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [tok] = await tx
      .select({
        userId: passwordResetTokens.userId,
        email: passwordResetTokens.email,
        expiresAt: passwordResetTokens.expiresAt,
        usedAt: passwordResetTokens.usedAt,
      })
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.tokenHash, tokenHash))
      .for("update");
    if (!tok) return { kind: "unknown" as const };
    if (tok.usedAt) return { kind: "used" as const };
    if (tok.expiresAt.getTime() <= now.getTime()) return { kind: "expired" as const };
    await tx.update(passwordResetTokens).set({ usedAt: now }).where(eq(passwordResetTokens.tokenHash, tokenHash));
    await tx
      .delete(passwordResetTokens)
      .where(
        and(
          eq(passwordResetTokens.userId, tok.userId),
          isNull(passwordResetTokens.usedAt),
          ne(passwordResetTokens.tokenHash, tokenHash),
        ),
      );
    const updated = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, tok.userId))
      .returning({ id: users.id });
    if (!updated.length) return { kind: "unknown" as const };
    return { kind: "reset" as const, userId: tok.userId, email: tok.email };
  });
}
