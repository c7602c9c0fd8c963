// The admin audit log (issue #21 §4): every admin action, from the page or `sash admin`, writes one row
// (who, what, when) in the same database; /admin shows the latest.
import type { Db } from "@/db/client";
import { insertAudit, listAudit, type AuditRow } from "@/db/queries/admin";

export type { AuditRow };

/** Who acts: a signed-in admin (their id and address), or the command line (id null). */
export interface Actor {
  id: string | null;
  label: string;
}

/** The command line's actor: `cli` with the operating-system user, when known. */
export function cliActor(osUser?: string): Actor {
  return { id: null, label: osUser ? `cli (${osUser})` : "cli" };
}

export async function audit(
  db: Db,
  actor: Actor,
  action: string,
  summary: string,
  extra: { targetUserId?: string | null; detail?: unknown } = {},
): Promise<void> {
  await insertAudit(db, {
    actorId: actor.id,
    actor: actor.label,
    action,
    summary,
    targetUserId: extra.targetUserId ?? null,
    detail: extra.detail,
  });
}

export async function recentAudit(db: Db, limit = 50): Promise<AuditRow[]> {
  return listAudit(db, limit);
}
