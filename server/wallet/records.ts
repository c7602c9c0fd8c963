// Learner records (issue #13 §1): a CLR 2.0 becomes one record in the wallet and
// each nested credential a credential of its own (own verification, share link,
// skills), all saved in one transaction from the staged copy.
import { inSaveTurn } from "./save-gate";
import { DuplicateCredentialError } from "@/db/queries/credential-errors";
import { deleteLearnerRecord, type NewLearnerRecord } from "@/db/queries/learner-records";
import { deleteUpload, type StagedUpload } from "@/db/queries/uploads";
import type { ParsedCredential } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { WALLET_MESSAGES } from "@/lib/wallet/rules";
import { getSkillIndex } from "@/server/skills/skill-index";
import { WalletError } from "./errors";
import { validateEdits } from "./fields";
import { learnerRecordRow, nestedReportOf, saveLearnerRecord } from "./ingest";
import { saveStaged } from "./saving";
import { runVerification } from "./verification";
import type { CredentialEdits, WalletContext } from "./types";
import { getUpload } from "@/db/queries/uploads";
import { walletQuota } from "./quota";
import { skillsFromBadge } from "./skills";

export { DuplicateCredentialError };

/** A nested credential's own report: its line of the record's report, else checked on its own. */
async function nestedReport(
  ctx: WalletContext,
  parent: VerificationReport,
  index: number,
  nested: ParsedCredential,
): Promise<VerificationReport> {
  return nestedReportOf(parent, index) ?? runVerification(ctx, nested);
}

/**
 * Submit for a staged learner record: the record (with the learner's title and
 * note), its original file, and every nested credential with its own
 * verification and skills, in one transaction with the staging row's removal.
 */
export async function saveStagedRecord(
  ctx: WalletContext,
  up: StagedUpload,
  edits: CredentialEdits,
): Promise<{ id: string; credentials: Array<{ id: string; shareSlug: string }> }> {
  const clean = validateEdits(edits);
  const record = up.record;
  if (!record || record.spec !== "clr2") throw new WalletError("INVALID_INPUT", WALLET_MESSAGES.uploadExpired);
  const verification = up.verification ?? (await runVerification(ctx, record));
  const skillIndex = await getSkillIndex(ctx.db);
  const nested = record.credentials ?? [];
  const reports = await Promise.all(nested.map((n, i) => nestedReport(ctx, verification, i, n)));
  const input = learnerRecordRow(record, {
    origin: up.origin as NewLearnerRecord["origin"],
    title: clean.title,
    description: clean.description,
    verification,
    file: up.sha256 && up.mimeType ? { fromUploadId: up.id, sha256: up.sha256, mimeType: up.mimeType } : null,
    nested: (n, k) => ({ verification: reports[k]!, skills: skillsFromBadge(n.skills ?? [], skillIndex) }),
  });
  const saved = await saveLearnerRecord(ctx, input, {
    beforeCommit: (tx) => deleteUpload(tx, ctx.user.id, up.id),
    quota: walletQuota(),
  });
  return { id: saved.id, credentials: saved.credentials.map((c) => ({ id: c.id, shareSlug: c.shareSlug })) };
}

export type SavedImport =
  | { kind: "credential"; id: string; shareSlug: string }
  | { kind: "record"; id: string; credentials: Array<{ id: string; shareSlug: string }> };

/**
 * Submit for any staged import (the add form's action): a learner record
 * (CLR 2.0) is filed with its nested credentials, anything else as one credential.
 */
export async function saveStagedImport(
  ctx: WalletContext,
  uploadId: string,
  edits: CredentialEdits,
): Promise<SavedImport> {
  // In turn with the process's other saves (server/wallet/save-gate.ts).
  return inSaveTurn(async () => {
    const up = await getUpload(ctx.db, ctx.user.id, uploadId, ctx.now ? ctx.now() : new Date());
    if (up?.record?.spec === "clr2") return { kind: "record", ...(await saveStagedRecord(ctx, up, edits)) };
    return { kind: "credential", ...(await saveStaged(ctx, uploadId, edits)) };
  });
}

/**
 * Deletes a learner record; its credentials stay in the wallet on their own or
 * go with it, as the learner chose. Null when it isn't this learner's.
 */
export async function removeLearnerRecord(
  ctx: WalletContext,
  id: string,
  choice: "keep" | "delete",
): Promise<{ deletedShareSlugs: string[]; credentialIds: string[] } | null> {
  return deleteLearnerRecord(ctx.db, ctx.user.id, id, { keepCredentials: choice === "keep" });
}
