// Server-side session access. Every page, route and action that touches a
// learner's data goes through these.
import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const u = session?.user as Partial<SessionUser> | undefined;
  if (!u?.id || !u.email) return null;
  return { id: u.id, name: u.name ?? "", email: u.email };
}

/** For pages: the signed-in learner, or a redirect to /sign-in that comes back here. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
