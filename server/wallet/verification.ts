// Checking a credential (split from server/wallet/import.ts): the checks run
// for a staged import and kept with it, and "Verify again" on a saved one.
import { getCredential, updateVerification } from "@/db/queries/credentials";
import { getUpload, setUploadVerification } from "@/db/queries/uploads";
import type { ParsedCredential } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { manualEntryReport } from "@/lib/badges/verify";
import { verifyOffThread } from "@/server/workers/offload";
import { listVerifiedEmails } from "@/db/queries/emails";
import { forLearner } from "@/lib/trust/result";
import { nowOf } from "./fields";
import { configuredIssuerRegistries } from "@/server/net";
import { learnerDids } from "@/server/presentation/keys";
import type { WalletContext } from "./types";

export async function runVerification(
  ctx: WalletContext,
  record: ParsedCredential | null,
): Promise<VerificationReport> {
  if (!record) return manualEntryReport();
  // Issue #11 §2: only addresses the learner has verified may confirm whom a badge was issued to.
  return forLearner(
    await verifyOffThread(record, {
      fetcher: ctx.fetcher,
      recipientEmails: await listVerifiedEmails(ctx.db, ctx.user.id),
      // Issue #22: a credential issued to the learner's own did:key (their OpenID4VCI proof of possession) is theirs.
      recipientDids: await learnerDids(ctx.db, ctx.user.id),
      registries: await configuredIssuerRegistries(),
    }),
  );
}

/**
 * Verifies a staged import (the follow-up request after the form shows) and
 * keeps the report with it. Null when the staging row is gone or not this learner's.
 */
export async function verifyStaged(ctx: WalletContext, uploadId: string): Promise<VerificationReport | null> {
  const up = await getUpload(ctx.db, ctx.user.id, uploadId, nowOf(ctx));
  if (!up) return null;
  if (up.verification) return up.verification;
  const report = await runVerification(ctx, up.record);
  await setUploadVerification(ctx.db, ctx.user.id, uploadId, report);
  return report;
}

/** "Verify again": re-runs the checks on the stored record and keeps the new report. */
export async function reverifyCredential(
  ctx: WalletContext,
  id: string,
): Promise<{ report: VerificationReport; shareSlug: string } | null> {
  const c = await getCredential(ctx.db, ctx.user.id, id);
  if (!c) return null;
  const report = await runVerification(ctx, c.record);
  const row = await updateVerification(ctx.db, ctx.user.id, id, report);
  return row ? { report, shareSlug: row.shareSlug } : null;
}
