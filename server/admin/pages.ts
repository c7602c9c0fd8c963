// What /admin shows and does (issue #21 §4), for app/admin: every function checks the admin first
// (requireAdmin: notFound() for anyone else) and works on this process's database.
import "server-only";
import { revalidatePath } from "next/cache";
import { getDb } from "@/server/db";
import { reloadAfterTrustChange } from "@/server/trust/refresh";
import { requireAdmin } from "./access";
import { recentAudit, type AuditRow } from "./audit";
import { deleteLearner, searchLearners, setLearnerDisabled, type LearnerRow } from "./learners";
import { adminCounts, type AdminCounts } from "./overview";
import { runImport, type ImportRequest } from "./run-import";
import type { ImportResult } from "./imports";
import {
  addRegistryFile,
  addRegistryUrl,
  addSingleIssuer,
  removeTrustedIssuer,
  trustedIssuers,
  type TrustedIssuerRow,
} from "./trusted-issuers";

export type { AdminCounts, AuditRow, ImportResult, LearnerRow, TrustedIssuerRow };

export interface AdminPageData {
  admin: string;
  counts: AdminCounts;
  issuers: TrustedIssuerRow[];
  learners: LearnerRow[] | null;
  audit: AuditRow[];
}

/** The admin page shows the change at once. */
/** The verifier reads the changed trusted issuers at once; a failure to reload is logged, not the admin's error. */
async function trustChanged(db: Awaited<ReturnType<typeof getDb>>, fetch = false): Promise<void> {
  await reloadAfterTrustChange(db, { fetch }).catch((e: unknown) =>
    console.error(`sash: trusted issuers not reloaded: ${(e as Error)?.message ?? e}`),
  );
}

function refreshed<T>(value: T): T {
  try {
    revalidatePath("/admin");
  } catch {
    // outside a request (tests): nothing cached to drop
  }
  return value;
}

export async function adminPageData(query: string | null): Promise<AdminPageData> {
  const admin = await requireAdmin();
  const db = await getDb();
  return {
    admin: admin.label,
    counts: await adminCounts(db),
    issuers: await trustedIssuers(db),
    learners: query !== null ? await searchLearners(db, query) : null,
    audit: await recentAudit(db, 50),
  };
}

/** Throws notFound() unless the signed-in learner is an admin (server actions and the import route). */
export async function assertAdmin(): Promise<void> {
  await requireAdmin();
}

export async function adminImport(req: ImportRequest): Promise<ImportResult> {
  const admin = await requireAdmin();
  return refreshed(await runImport(await getDb(), admin, req));
}

export async function adminAddRegistryUrl(url: string, name?: string): Promise<TrustedIssuerRow> {
  const admin = await requireAdmin();
  const db = await getDb();
  const row = await addRegistryUrl(db, admin, url, name);
  await trustChanged(db, true);
  return refreshed(row);
}

export async function adminAddRegistryFile(
  fileName: string,
  content: string,
  name?: string,
): Promise<TrustedIssuerRow> {
  const admin = await requireAdmin();
  const db = await getDb();
  const row = await addRegistryFile(db, admin, fileName, content, name);
  await trustChanged(db);
  return refreshed(row);
}

export async function adminAddIssuer(issuerId: string, name: string): Promise<TrustedIssuerRow> {
  const admin = await requireAdmin();
  const db = await getDb();
  const row = await addSingleIssuer(db, admin, issuerId, name);
  await trustChanged(db);
  return refreshed(row);
}

export async function adminRemoveIssuer(id: string): Promise<boolean> {
  const admin = await requireAdmin();
  const db = await getDb();
  const removed = await removeTrustedIssuer(db, admin, id);
  if (removed) await trustChanged(db);
  return refreshed(removed);
}

export async function adminSetDisabled(userId: string, disabled: boolean): Promise<LearnerRow> {
  const admin = await requireAdmin();
  return refreshed(await setLearnerDisabled(await getDb(), admin, userId, disabled));
}

export async function adminDeleteLearner(userId: string): Promise<{ credentials: number }> {
  const admin = await requireAdmin();
  return refreshed(await deleteLearner(await getDb(), admin, userId));
}
