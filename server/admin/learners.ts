// The admin's learner controls (issue #21 §4): find by address, disable / enable, delete. A disabled
// learner can't sign in (server/auth checks users.disabled at sign-in and in every session check) and
// their share links answer 404 until enabled: the share queries skip disabled learners, and migration
// 0015's trigger announces their slugs (NOTIFY sash_share) so every instance drops cached pages — the
// path a learner's own "disable link" takes. Deleting goes through server/account's deleteAccount, the
// same erasure a learner's own "Delete account" performs.
import type { Db } from "@/db/client";
import {
  findLearnerById,
  findLearnerIdByEmail,
  findLearners,
  setUserDisabled,
  type LearnerRow,
} from "@/db/queries/admin";
import { AppError } from "@/lib/errors";
import { deleteAccount } from "@/server/account/delete";
import { audit, type Actor } from "./audit";

export type { LearnerRow };

function noSuchLearner(): AppError {
  return new AppError("NOT_FOUND", "There is no learner with this id or address.", { expose: true, status: 404 });
}

export async function searchLearners(db: Db, query: string): Promise<LearnerRow[]> {
  const q = query.trim();
  if (!q) return [];
  return findLearners(db, q.slice(0, 254));
}

/** A learner by id, or by their account address / a verified address (the CLI takes either). */
export async function resolveLearner(db: Db, idOrEmail: string): Promise<LearnerRow> {
  const id = idOrEmail.includes("@") ? await findLearnerIdByEmail(db, idOrEmail) : idOrEmail;
  const row = id ? await findLearnerById(db, id) : null;
  if (!row) throw noSuchLearner();
  return row;
}

export async function setLearnerDisabled(db: Db, actor: Actor, userId: string, disabled: boolean): Promise<LearnerRow> {
  const before = await resolveLearner(db, userId);
  if (actor.id && actor.id === before.id && disabled)
    throw new AppError("INVALID_INPUT", "You can't disable your own account.", { expose: true, status: 400 });
  await setUserDisabled(db, before.id, disabled);
  await audit(
    db,
    actor,
    disabled ? "learner.disable" : "learner.enable",
    // The learner is named by target_user_id (shown as their address while they exist), never in the text.
    `${disabled ? "Disabled" : "Enabled"} a learner account`,
    { targetUserId: before.id },
  );
  return { ...before, disabled };
}

/**
 * Deletes a learner and everything of theirs through server/account's deleteAccount (one transaction,
 * NOTIFY for every share slug, a confirmation mail); the audit row names no address or id (the learner is gone).
 */
export async function deleteLearner(db: Db, actor: Actor, userId: string): Promise<{ credentials: number }> {
  const before = await resolveLearner(db, userId);
  if (actor.id && actor.id === before.id)
    throw new AppError("INVALID_INPUT", "Delete your own account from your Account page.", {
      expose: true,
      status: 400,
    });
  const gone = await deleteAccount(before.id, {
    db,
    actor: { kind: "admin", adminId: actor.id ?? actor.label, adminEmail: actor.label },
  });
  if (!gone) throw noSuchLearner();
  await audit(db, actor, "learner.delete", `Deleted a learner account and its ${before.credentials} credential(s)`, {
    detail: { credentials: before.credentials },
  });
  return { credentials: before.credentials };
}
