// Staged imports (split from server/wallet/import.ts): the empty form for
// typing a credential in by hand, Cancel, and the sweep of expired staging rows
// that runs with every new one. Badge data is staged by server/wallet/ingest.ts.
import { deleteUpload, insertUpload, sweepExpiredUploads } from "@/db/queries/uploads";
import { manualEntryReport } from "@/lib/badges/verify";
import { STAGING_TTL_MS } from "@/lib/wallet/rules";
import { draftFrom } from "./draft";
import { nowOf } from "./fields";
import type { ImportDraft, WalletContext } from "./types";

/** Drops every learner's expired staging rows (run before each new one is staged). */
export async function housekeeping(ctx: WalletContext): Promise<void> {
  await sweepExpiredUploads(ctx.db, nowOf(ctx));
}

/** Step 2 without any badge: an empty form, no picture. */
export async function stageManual(ctx: WalletContext): Promise<ImportDraft> {
  await housekeeping(ctx);
  const verification = manualEntryReport();
  const { id } = await insertUpload(ctx.db, ctx.user.id, {
    origin: "manual",
    file: null,
    record: null,
    verification,
    expiresAt: new Date(nowOf(ctx).getTime() + STAGING_TTL_MS),
  });
  return draftFrom(id, "manual", null, false, verification);
}

/** Throws away a staged import (Cancel). */
export async function discardStaged(ctx: WalletContext, uploadId: string): Promise<void> {
  await deleteUpload(ctx.db, ctx.user.id, uploadId);
}
