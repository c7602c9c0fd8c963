// The session check every request makes (issue #21 §2). A session (next-auth's
// JWT) carries the learner's id, the session version it was signed in under and
// when that sign-in happened. On every request the account is read again: a
// session whose account is gone, or whose version is older than the account's
// (sign out everywhere, a password reset or change), is no session at all.
// Name and address come from the account as it is now, not from the token.
import type { Db } from "@/db/client";
import { findSessionState } from "@/db/queries/users";

/** The claims Sash keeps in a session token. */
export interface SessionClaims {
  uid?: unknown;
  /** The account's session version when this session was signed in. */
  sv?: unknown;
  /** When this session was signed in (ms since the epoch). */
  authAt?: unknown;
}

export interface CheckedSession {
  id: string;
  name: string;
  email: string;
  /** When this session was signed in (ms since the epoch); 0 when the token predates the claim. */
  signedInAt: number;
  hasPassword: boolean;
}

/** The claims a new sign-in stamps on its token. */
export async function claimsAtSignIn(db: Db, userId: string, now: number = Date.now()): Promise<SessionClaims> {
  const state = await findSessionState(db, userId);
  return { uid: userId, sv: state?.sessionVersion ?? 0, authAt: now };
}

/** The learner a token stands for now, or null when the session has ended. */
export async function checkSession(db: Db, claims: SessionClaims): Promise<CheckedSession | null> {
  if (typeof claims.uid !== "string") return null;
  const state = await findSessionState(db, claims.uid);
  if (!state) return null;
  // A token from before versions existed carries none: it counts as version 0.
  const version = typeof claims.sv === "number" ? claims.sv : 0;
  if (version !== state.sessionVersion) return null;
  // A learner an admin disabled (issue #21 §4) has no session until enabled.
  if (state.disabled) return null;
  return {
    id: state.id,
    name: state.name,
    email: state.email,
    signedInAt: typeof claims.authAt === "number" ? claims.authAt : 0,
    hasPassword: state.hasPassword,
  };
}
