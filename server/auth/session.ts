// Server-side session access. Every page, route and action that touches a
// learner's data goes through these. The session itself is checked against the
// account on every request (session-state.ts, through next-auth's session callback).
import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { authOptions } from "./options";
import { DatabaseUnavailableError } from "@/db/client";
import { authSecret } from "./secret";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  /** When this session was signed in (ms since the epoch; 0 for a session older than this field). */
  signedInAt?: number;
  /** Whether the account has a password (false: single sign-on only). */
  hasPassword?: boolean;
}

export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  if ((session as { databaseUnavailable?: boolean } | null)?.databaseUnavailable)
    throw new DatabaseUnavailableError("the session check could not reach the database");
  const u = session?.user as Partial<SessionUser> | undefined;
  if (!u?.id || !u.email) return null;
  return { id: u.id, name: u.name ?? "", email: u.email, signedInAt: u.signedInAt ?? 0, hasPassword: u.hasPassword };
}

/** For pages: the signed-in learner, or a redirect to /sign-in that comes back here. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * After the learner's own action raised the session version (a password change), keeps
 * this browser's session: re-issues its token under the new version. Every other
 * session stays ended. Returns false when there was no session cookie to re-issue.
 */
export async function keepThisSession(userId: string, version: number): Promise<boolean> {
  const jar = await cookies();
  const secret = authSecret();
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name)?.value;
    if (!value) continue;
    const token = await decode({ token: value, secret }).catch(() => null);
    if (!token || token.uid !== userId) continue;
    const maxAge = authOptions.session?.maxAge ?? 30 * 24 * 60 * 60;
    jar.set(name, await encode({ token: { ...token, sv: version }, secret, maxAge }), {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: name.startsWith("__Secure-"),
      maxAge,
    });
    return true;
  }
  return false;
}
