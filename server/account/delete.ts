// Deleting an account (issue #21 §2): the learner and every row that belongs to
// them go in one transaction (db/queries/account-deletion.ts); the share triggers
// announce every slug that went from that transaction (NOTIFY sash_share), so each
// instance answers 404 at once, and this process drops its cached copies itself.
// A confirmation mail goes to the primary address afterwards. The learner's own
// deletion asks for their password — or, for a single sign-on account, a sign-in
// within the last 5 minutes. Admins (issue #21 §4) call deleteAccount directly.
import type { Db } from "@/db/client";
import { deleteAccountRows, type AccountFootprint } from "@/db/queries/account-deletion";
import { findSessionState } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { getDb } from "@/server/db";
import { sendMail } from "@/server/mail/send";
import { revalidateShare } from "@/server/share/revalidate";
import { checkCurrentPassword } from "./settings";

/** A single sign-on account proves it is its learner by a sign-in no older than this. */
export const FRESH_SIGN_IN_MS = 5 * 60 * 1000;

/** Who deletes: the learner, or an admin (their id and address, for the audit log the caller writes). */
export type DeleteActor = { kind: "self" } | { kind: "admin"; adminId: string; adminEmail?: string };

export interface DeleteAccountOptions {
  actor: DeleteActor;
  /** The database (default: this process's handle). */
  db?: Db;
}

export interface DeletedAccount {
  userId: string;
  /** The primary address the confirmation went to. */
  email: string;
  /** Every share slug that now answers 404 (credentials and the whole-record page). */
  slugs: string[];
  /** Whether the confirmation mail went out (a failing mail server never undoes a deletion). */
  mailed: boolean;
}

/**
 * Erases the account `userId` and everything of theirs, in one transaction; then drops this process's cached
 * share pages and mails the confirmation to the primary address. Returns null when there is no such account.
 */
export async function deleteAccount(userId: string, opts: DeleteAccountOptions): Promise<DeletedAccount | null> {
  const db = opts.db ?? (await getDb());
  const gone = await deleteAccountRows(db, userId);
  if (!gone) return null;
  for (const slug of gone.slugs) revalidateShare(slug);
  let mailed = false;
  try {
    await sendMail(deletedMail(gone, opts.actor));
    mailed = true;
  } catch (e) {
    console.error(`sash: account deleted, confirmation mail not sent: ${(e as Error).message}`);
  }
  return { userId: gone.userId, email: gone.email, slugs: gone.slugs, mailed };
}

function deletedMail(gone: AccountFootprint, actor: DeleteActor) {
  return {
    to: gone.email,
    subject: "Your Sash account has been deleted",
    text: [
      "Hello,",
      "",
      actor.kind === "admin"
        ? `An administrator of this Sash deleted the account that had the address ${gone.email}.`
        : `As you asked, the Sash account that had the address ${gone.email} has been deleted.`,
      "Its credentials, files, skills, learner records, addresses and share links are erased, and its share links",
      "no longer open. You can no longer sign in to it.",
      "",
      "If you kept the ZIP from “Download everything”, you can bring it into a new account on the page",
      "“Import a Sash export”.",
    ].join("\n"),
  };
}

export interface SelfDeletionProof {
  /** The account's password (accounts that have one). */
  password?: string;
  /** When the session asking was signed in (ms since the epoch), for single sign-on accounts. */
  signedInAt?: number;
  now?: () => Date;
}

/**
 * The learner's own "Delete account permanently": their password when the account has one, else a sign-in
 * within the last 5 minutes (FRESH_SIGN_IN_REQUIRED). Throws WRONG_PASSWORD / RATE_LIMITED / FRESH_SIGN_IN_REQUIRED.
 */
export async function confirmSelfDeletion(db: Db, userId: string, proof: SelfDeletionProof): Promise<void> {
  const state = await findSessionState(db, userId);
  if (!state) throw new AppError("NOT_FOUND", "This account no longer exists.", { expose: true });
  if (state.hasPassword) {
    await checkCurrentPassword(db, userId, proof.password ?? "");
    return;
  }
  const now = (proof.now ? proof.now() : new Date()).getTime();
  const at = proof.signedInAt ?? 0;
  if (!(at > 0 && now - at <= FRESH_SIGN_IN_MS && at <= now + 60_000)) {
    throw new AppError("FRESH_SIGN_IN_REQUIRED", undefined, { expose: true });
  }
}
