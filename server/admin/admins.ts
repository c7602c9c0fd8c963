// Who is an admin (issue #21 §4): a learner one of whose VERIFIED addresses is listed in
// SASH_ADMIN_EMAILS, and who is not disabled. (The page's check is ./access.ts.)
import type { Db } from "@/db/client";
import { hasVerifiedAddressIn } from "@/db/queries/admin";
import { config } from "@/server/config";

/** SASH_ADMIN_EMAILS, lower-cased. */
export function adminEmails(): string[] {
  return config().SASH_ADMIN_EMAILS;
}

export async function isAdmin(db: Db, userId: string): Promise<boolean> {
  return hasVerifiedAddressIn(db, userId, adminEmails());
}
