// The wallet's notices for credentials a re-check found newly revoked or expired (issue #11 §4).
import "server-only";
import { getDb } from "@/server/db";
import { isUuid } from "@/db/queries/sql";
import { dismissStatusNotice, listStatusNotices, type StatusNotice } from "@/db/queries/reverify";
import type { SessionUser } from "@/server/auth/session";

export type { StatusNotice };

export async function statusNoticesFor(user: SessionUser): Promise<StatusNotice[]> {
  return listStatusNotices(await getDb(), user.id);
}

export async function dismissNotice(user: SessionUser, credentialId: string): Promise<boolean> {
  if (!isUuid(credentialId)) return false;
  return dismissStatusNotice(await getDb(), user.id, credentialId);
}
