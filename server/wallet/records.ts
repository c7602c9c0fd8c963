// Learner records (issue #13 §1): a CLR 2.0 becomes one record in the wallet and
// each nested credential a credential of its own (own verification, share link,
// skills), all saved in one transaction from the staged copy.
import { DuplicateCredentialError, QuotaExceededError, StagedFileMissingError } from "@/db/queries/credentials";
import { deleteLearnerRecord, insertLearnerRecord, type NewLearnerRecord } from "@/db/queries/learner-records";
import { deleteUpload, type StagedUpload } from "@/db/queries/uploads";
import type { BadgeRecord } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { newShareSlug } from "@/lib/share/slug";
import { forLearner } from "@/lib/trust/result";
import { MAX_DESCRIPTION, WALLET_MESSAGES } from "@/lib/wallet/rules";
import { untitled } from "@/lib/wallet/records";
import { getSkillIndex } from "@/server/skills";
import {
  WalletError,
  credentialFields,
  runVerification,
  saveStaged,
  validateEdits,
  type CredentialEdits,
  type WalletContext,
} from "./import";
import { getUpload } from "@/db/queries/uploads";
import { quotaMessage, walletQuota } from "./quota";
import { skillsFromBadge } from "./skills";

export { DuplicateCredentialError };

/**
 * A nested credential's own report: its entry in the record's report (the CLR
 * verifier checks each one against its own issuer); verified on its own when
 * the record's report has no entry for it.
 */
async function nestedReport(
  ctx: WalletContext,
  parent: VerificationReport,
  index: number,
  nested: BadgeRecord,
): Promise<VerificationReport> {
  const entry = parent.credentials?.[index];
  if (!entry) return runVerification(ctx, nested);
  const { id: _id, title: _title, ...report } = entry;
  return forLearner({ ...report, checkedAt: parent.checkedAt });
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
  const { credentials: _nested, ...own } = record;
  const fields = credentialFields(record);
  const input: NewLearnerRecord = {
    origin: up.origin as NewLearnerRecord["origin"],
    spec: record.spec,
    externalId: record.id ?? null,
    title: clean.title,
    description: clean.description,
    issuerTitle: record.title ?? null,
    issuerName: fields.issuerName,
    issuerUrl: fields.issuerUrl,
    issuerImage: fields.issuerImage,
    imageUrl: fields.imageUrl,
    issuedOn: fields.issuedOn,
    expires: fields.expires,
    raw: record.raw,
    record: own,
    achievements: record.clr?.achievements ?? [],
    associations: record.clr?.associations ?? [],
    verification,
    file: up.sha256 && up.mimeType ? { fromUploadId: up.id, sha256: up.sha256, mimeType: up.mimeType } : null,
    credentials: nested.map((n, i) => ({
      ...credentialFields(n),
      origin: up.origin as NewLearnerRecord["origin"],
      title: untitled(n.title),
      description: (n.description ?? "").slice(0, MAX_DESCRIPTION),
      record: n,
      raw: n.raw,
      verification: reports[i]!,
      skills: skillsFromBadge(n.skills ?? [], skillIndex),
      shareSlug: newShareSlug(),
    })),
  };
  try {
    const saved = await insertLearnerRecord(
      ctx.db,
      ctx.user.id,
      input,
      (tx) => deleteUpload(tx, ctx.user.id, up.id),
      walletQuota(),
    );
    return { id: saved.id, credentials: saved.credentials.map((c) => ({ id: c.id, shareSlug: c.shareSlug })) };
  } catch (e) {
    if (e instanceof StagedFileMissingError) throw new WalletError("NOT_FOUND", WALLET_MESSAGES.uploadExpired);
    if (e instanceof QuotaExceededError) throw new WalletError("QUOTA_EXCEEDED", quotaMessage(e));
    throw e;
  }
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
  const up = await getUpload(ctx.db, ctx.user.id, uploadId, ctx.now ? ctx.now() : new Date());
  if (up?.record?.spec === "clr2") return { kind: "record", ...(await saveStagedRecord(ctx, up, edits)) };
  return { kind: "credential", ...(await saveStaged(ctx, uploadId, edits)) };
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
