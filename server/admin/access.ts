// Who is an admin (issue #21 §4): a signed-in learner one of whose VERIFIED addresses is listed in
// SASH_ADMIN_EMAILS, and who is not disabled. Everyone else — signed out, a learner, an admin address
// not yet verified — gets notFound() from /admin, so the page's existence isn't revealed.
import "server-only";
import { notFound } from "next/navigation";
import { getCurrentUser, type SessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import type { Actor } from "./audit";
import { isAdmin } from "./admins";

/** The signed-in admin as an audit actor, or null for anyone else. */
export async function currentAdmin(): Promise<(Actor & { user: SessionUser }) | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  if (!(await isAdmin(await getDb(), user.id))) return null;
  return { id: user.id, label: user.email, user };
}

/** For /admin pages and actions: the admin, or a 404 for everyone else. */
export async function requireAdmin(): Promise<Actor & { user: SessionUser }> {
  const admin = await currentAdmin();
  if (!admin) notFound();
  return admin;
}
