// The add-credential flow as a framework-free service (issue #6): bytes or text
// in → staged server-side → pre-filled draft out; Submit saves from the staged
// copy, never from client-sent badge data. Used by the server actions, the
// upload route handler and bench/import.ts.
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import {
  deleteCredential,
  findDuplicate,
  getCredential,
  updateCredentialDetails,
  updateVerification,
  StagedFileMissingError,
  QuotaExceededError,
  type NewCredential,
} from "@/db/queries/credentials";
import type { CredentialSkill, DuplicateRef } from "@/lib/wallet/types";
import {
  deleteUpload,
  getUpload,
  getUploadBytes,
  insertUpload,
  setUploadVerification,
  sweepExpiredUploads,
} from "@/db/queries/uploads";
import { insertCredential } from "./credentials";
import { findRecordDuplicate } from "@/db/queries/learner-records";
import { credentialFileText, recordSummary, type LearnerRecordSummary } from "@/lib/wallet/records";
import { unbake, importPayload } from "@/lib/badges/unbake";
import { SashError, isSashError } from "@/lib/badges/errors";
import { sniffContainer } from "@/lib/badges/sniff";
import type { BadgeRecord, Fetcher, Unresolved } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { verifyCredential, manualEntryReport } from "@/lib/badges/verify";
import {
  credentialTextSchema,
  MAX_DESCRIPTION,
  MAX_TITLE,
  MAX_UPLOAD_BYTES,
  STAGING_TTL_MS,
  WALLET_MESSAGES,
} from "@/lib/wallet/rules";
import { skillsFromBadge } from "./skills";
import { achievementColumns } from "./achievements";
import { achievementTypeLabel, resultText } from "@/lib/badges/achievement";
import { getSkillIndex } from "@/server/skills";
import type { SkillIndex } from "@/lib/skills";
import { checkPngBudget, ImageTooLargeError, toPublicImage } from "@/lib/share/image";
import { quotaMessage, walletQuota } from "./quota";
import { listVerifiedEmails } from "@/db/queries/emails";
import { forLearner } from "@/lib/trust/result";

export interface WalletUser {
  id: string;
  email: string;
}

export interface WalletContext {
  db: Db;
  user: WalletUser;
  /** Reaches hosted badge data and verification material; absent = offline. */
  fetcher?: Fetcher;
  now?: () => Date;
}

export type ImportOrigin = "upload" | "url" | "paste" | "manual";

/** What step 2 of /wallet/add shows. Plain JSON (dates as ISO strings). */
export interface ImportDraft {
  uploadId: string;
  origin: ImportOrigin;
  /** "badge": pre-filled from badge data; "manual": no badge data, the learner types it. */
  mode: "badge" | "manual";
  hasImage: boolean;
  imageUrl: string | null;
  title: string;
  description: string;
  skills: CredentialSkill[];
  details: {
    spec: string;
    issuerName: string | null;
    issuerUrl: string | null;
    issuedOn: string | null;
    expires: string | null;
    criteriaNarrative: string | null;
    criteriaUrl: string | null;
    externalId: string | null;
    unresolved: Unresolved[];
    /** Issue #13: the achievement type and results in words (lib/badges/achievement.ts). */
    achievementType?: string | null;
    results?: string[];
  } | null;
  verification: VerificationReport | null;
  /** Set for a learner record (CLR 2.0): what Submit files (the record, and each nested credential on its own). */
  learnerRecord?: LearnerRecordSummary;
}

export type StageResult = { kind: "draft"; draft: ImportDraft } | { kind: "duplicate"; existing: DuplicateRef };

export interface CredentialEdits {
  title: string;
  description: string;
  skills: CredentialSkill[];
}

/** Expected failures of the wallet service, with a learner-facing message. */
export class WalletError extends Error {
  /** Learner-facing message (lib/errors.ts isExposed). */
  readonly expose = true;
  constructor(
    readonly code: "NOT_FOUND" | "INVALID_INPUT" | "QUOTA_EXCEEDED" | "IMAGE_TOO_LARGE",
    message: string,
  ) {
    super(message);
    this.name = "WalletError";
  }
}

function nowOf(ctx: WalletContext): Date {
  return ctx.now ? ctx.now() : new Date();
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const DATA_IMAGE = /^data:image\/(png|svg\+xml|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/i;

/** The badge's own image reference, only when it is safe to put in an <img src>. */
export function safeImageUrl(v: string | null | undefined): string | null {
  if (!v) return null;
  const t = v.trim();
  if (t.length <= 2048 && /^https:\/\/[^\s"'<>]+$/i.test(t)) return t;
  if (t.length <= 512 * 1024 && DATA_IMAGE.test(t)) return t;
  return null;
}

function isoOrNull(v: string | null | undefined): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function dateOrNull(v: string | null | undefined): Date | null {
  const iso = isoOrNull(v);
  return iso ? new Date(iso) : null;
}

function draftFrom(
  uploadId: string,
  origin: ImportOrigin,
  record: BadgeRecord | null,
  hasImage: boolean,
  verification: VerificationReport | null,
  skillIndex?: SkillIndex,
): ImportDraft {
  if (!record) {
    return {
      uploadId,
      origin,
      mode: "manual",
      hasImage,
      imageUrl: null,
      title: "",
      description: "",
      skills: [],
      details: null,
      verification,
    };
  }
  return {
    uploadId,
    origin,
    mode: "badge",
    hasImage,
    imageUrl: safeImageUrl(record.image),
    title: (record.title ?? "").slice(0, MAX_TITLE),
    description: (record.description ?? "").slice(0, MAX_DESCRIPTION),
    // A record's skills belong to its nested credentials (each keeps its own), so the form has none of its own.
    skills: record.spec === "clr2" ? [] : skillsFromBadge(record.skills ?? [], skillIndex),
    ...(record.spec === "clr2" ? { learnerRecord: recordSummary(record) } : {}),
    details: {
      spec: record.spec,
      issuerName: record.issuer?.name ?? null,
      issuerUrl: record.issuer?.url ?? record.issuer?.id ?? null,
      issuedOn: isoOrNull(record.issuedOn),
      expires: isoOrNull(record.expires),
      criteriaNarrative: record.criteria?.narrative ?? null,
      criteriaUrl: record.criteria?.url ?? null,
      externalId: record.id ?? null,
      unresolved: record.unresolved ?? [],
      achievementType: achievementTypeLabel(record.achievementType),
      results: (record.results ?? []).map(resultText),
    },
    verification,
  };
}

async function housekeeping(ctx: WalletContext): Promise<void> {
  await sweepExpiredUploads(ctx.db, nowOf(ctx));
}

/** The credential or learner record the learner already holds with this record's id. */
async function heldAlready(ctx: WalletContext, record: BadgeRecord | null): Promise<DuplicateRef | null> {
  if (!record?.id) return null;
  return record.spec === "clr2"
    ? findRecordDuplicate(ctx.db, ctx.user.id, { externalId: record.id })
    : findDuplicate(ctx.db, ctx.user.id, { externalId: record.id });
}

/**
 * Step 1 for a .json or .jwt file: read like pasted data. A learner record keeps
 * the file byte for byte as its original; a single credential keeps its payload
 * text (the file adds nothing an image could show).
 */
async function stageCredentialFile(ctx: WalletContext, bytes: Uint8Array, text: string): Promise<StageResult> {
  const sha256 = sha256Hex(bytes);
  const sameBytes = await findRecordDuplicate(ctx.db, ctx.user.id, { fileSha256: sha256 });
  if (sameBytes) return { kind: "duplicate", existing: sameBytes };
  const record = await importPayload(text, { fetcher: ctx.fetcher });
  const sameId = await heldAlready(ctx, record);
  if (sameId) return { kind: "duplicate", existing: sameId };
  await housekeeping(ctx);
  const mimeType = text.startsWith("{") ? "application/json" : "application/jwt";
  const { id } = await insertUpload(ctx.db, ctx.user.id, {
    origin: "upload",
    file: record.spec === "clr2" ? { bytes, sha256, mimeType } : null,
    record,
    expiresAt: new Date(nowOf(ctx).getTime() + STAGING_TTL_MS),
  });
  return { kind: "draft", draft: draftFrom(id, "upload", record, false, null, await getSkillIndex(ctx.db)) };
}

/**
 * Step 1 for an uploaded image: checks size and type by magic bytes, spots a
 * duplicate by its bytes, unbakes it and stages it. An image without badge data
 * is staged too (its picture is kept) and comes back as a manual-entry draft.
 * Other unreadable input throws SashError.
 */
export async function stageFile(ctx: WalletContext, bytes: Uint8Array): Promise<StageResult> {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new SashError("PAYLOAD_TOO_LARGE");
  if (bytes.byteLength === 0)
    throw new SashError("UNSUPPORTED_FILE", "This file is empty. Choose the badge image you downloaded.");
  const sniffed = sniffContainer(bytes);
  if (sniffed.kind === "other") {
    // A .json or .jwt file holding a credential (a CLR is often sent this way): read like pasted data.
    const text = sniffed.format === "unknown" ? credentialFileText(bytes) : null;
    if (text) return stageCredentialFile(ctx, bytes, text);
    throw new SashError(
      "UNSUPPORTED_FILE",
      sniffed.format !== "unknown"
        ? `This is a ${sniffed.format} file, not a PNG or SVG badge image. Download the badge as PNG or SVG from your issuer and try again.`
        : undefined,
    );
  }
  const mimeType = sniffed.kind === "png" ? "image/png" : "image/svg+xml";
  if (sniffed.kind === "png") {
    // Issue #12 §2: the declared size against the pixel budget, and the image data
    // inflated under a cap, before anything decodes it (now or on a share page).
    try {
      checkPngBudget(bytes);
    } catch (e) {
      if (e instanceof ImageTooLargeError) throw new WalletError("IMAGE_TOO_LARGE", e.message);
      throw new SashError("CORRUPT_IMAGE", undefined, { cause: e });
    }
  }
  const sha256 = sha256Hex(bytes);
  const sameBytes =
    (await findDuplicate(ctx.db, ctx.user.id, { fileSha256: sha256 })) ??
    (await findRecordDuplicate(ctx.db, ctx.user.id, { fileSha256: sha256 }));
  if (sameBytes) return { kind: "duplicate", existing: sameBytes };

  let record: BadgeRecord | null = null;
  try {
    record = await unbake(bytes, { fetcher: ctx.fetcher });
  } catch (e) {
    if (!(isSashError(e) && e.code === "NO_BADGE_DATA")) throw e;
  }
  const sameId = await heldAlready(ctx, record);
  if (sameId) return { kind: "duplicate", existing: sameId };
  await housekeeping(ctx);
  const verification = record ? null : manualEntryReport();
  const { id } = await insertUpload(ctx.db, ctx.user.id, {
    origin: "upload",
    file: { bytes, sha256, mimeType },
    record,
    verification,
    expiresAt: new Date(nowOf(ctx).getTime() + STAGING_TTL_MS),
  });
  return { kind: "draft", draft: draftFrom(id, "upload", record, true, verification, await getSkillIndex(ctx.db)) };
}

/** Step 1 for a hosted assertion URL or pasted JSON / JWS / VC-JWT. */
export async function stageText(ctx: WalletContext, text: string): Promise<StageResult> {
  const t = text.replace(/^\uFEFF/, "").trim();
  if (!t) throw new SashError("INVALID_PAYLOAD", "Paste the badge's web address, its JSON or its signed token (JWT).");
  const origin: ImportOrigin = /^https?:\/\//i.test(t) && !/\s/.test(t) ? "url" : "paste";
  const record = await importPayload(t, { fetcher: ctx.fetcher });
  const sameId = await heldAlready(ctx, record);
  if (sameId) return { kind: "duplicate", existing: sameId };
  await housekeeping(ctx);
  const { id } = await insertUpload(ctx.db, ctx.user.id, {
    origin,
    file: null,
    record,
    expiresAt: new Date(nowOf(ctx).getTime() + STAGING_TTL_MS),
  });
  return { kind: "draft", draft: draftFrom(id, origin, record, false, null, await getSkillIndex(ctx.db)) };
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

export async function runVerification(ctx: WalletContext, record: BadgeRecord | null): Promise<VerificationReport> {
  if (!record) return manualEntryReport();
  // Issue #11 §2: only addresses the learner has verified may confirm whom a badge was issued to.
  return forLearner(
    await verifyCredential(record, {
      fetcher: ctx.fetcher,
      recipientEmails: await listVerifiedEmails(ctx.db, ctx.user.id),
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

/** The forms' own rules (lib/wallet/rules.ts), enforced again for every caller of the service. */
export function validateEdits(edits: CredentialEdits): CredentialEdits {
  const parsed = credentialTextSchema.safeParse({ title: edits.title, description: edits.description });
  if (!parsed.success) throw new WalletError("INVALID_INPUT", parsed.error.issues[0]!.message);
  return { ...parsed.data, skills: edits.skills };
}

/** The columns a credential takes from its badge data (issuer, dates, criteria, ids), never from the form. */
export function credentialFields(record: BadgeRecord | null) {
  return {
    spec: record?.spec ?? null,
    externalId: record?.id ?? null,
    criteriaNarrative: record?.criteria?.narrative ?? null,
    criteriaUrl: record?.criteria?.url ?? null,
    issuerName: record?.issuer?.name ?? null,
    issuerUrl: record?.issuer?.url ?? record?.issuer?.id ?? null,
    issuerImage: safeImageUrl(record?.issuer?.image),
    imageUrl: safeImageUrl(record?.image),
    issuedOn: dateOrNull(record?.issuedOn),
    expires: dateOrNull(record?.expires),
  };
}

/**
 * Submit: saves the staged import with the learner's title, description and
 * skills. Issuer, dates, criteria, ids and verification come from the staged,
 * server-derived record. Credential, file and skills land in one transaction
 * with the staging row's removal. Throws DuplicateCredentialError or WalletError.
 */
export async function saveStaged(
  ctx: WalletContext,
  uploadId: string,
  edits: CredentialEdits,
): Promise<{ id: string; shareSlug: string }> {
  const clean = validateEdits(edits);
  const up = await getUpload(ctx.db, ctx.user.id, uploadId, nowOf(ctx));
  if (!up) throw new WalletError("NOT_FOUND", WALLET_MESSAGES.uploadExpired);
  const record = up.record;
  if (record?.spec === "clr2") throw new WalletError("INVALID_INPUT", WALLET_MESSAGES.recordNotCredential);
  const verification = up.verification ?? (await runVerification(ctx, record));
  const input: NewCredential = {
    ...credentialFields(record),
    origin: up.origin as ImportOrigin,
    title: clean.title,
    description: clean.description,
    record,
    raw: record?.raw ?? null,
    // Issue #13: the achievement type, results, evidence and endorsements the pages show.
    ...achievementColumns(record),
    verification,
    // The bytes move from the staging row inside the database, hash re-checked there.
    file:
      up.sha256 && up.mimeType
        ? {
            fromUploadId: up.id,
            sha256: up.sha256,
            mimeType: up.mimeType,
            publicImage: await publicImageOf(ctx, up.id, up.mimeType, record, up.origin),
          }
        : null,
    skills: clean.skills,
  };
  try {
    return await insertCredential(
      ctx.db,
      ctx.user.id,
      input,
      (tx) => deleteUpload(tx, ctx.user.id, uploadId),
      walletQuota(),
    );
  } catch (e) {
    if (e instanceof StagedFileMissingError) throw new WalletError("NOT_FOUND", WALLET_MESSAGES.uploadExpired);
    if (e instanceof QuotaExceededError) throw new WalletError("QUOTA_EXCEEDED", quotaMessage(e));
    throw e;
  }
}

/**
 * The image a share page may show for a file without badge data, re-encoded
 * once here at save time (never per public request); a baked badge is served as
 * issued, so it needs none. Null when the image can't be shown.
 */
async function publicImageOf(
  ctx: WalletContext,
  uploadId: string,
  mimeType: string,
  record: BadgeRecord | null,
  origin: string,
): Promise<{ bytes: Uint8Array; mimeType: string } | null> {
  const baked = origin === "upload" && !!record?.spec && record.source?.container != null;
  if (baked || mimeType !== "image/png") return null;
  const bytes = await getUploadBytes(ctx.db, ctx.user.id, uploadId);
  if (!bytes) return null;
  const img = toPublicImage({ mime: mimeType, bytes, baked: false });
  return img ? { bytes: img.bytes, mimeType: img.mime } : null;
}

/** Throws away a staged import (Cancel). */
export async function discardStaged(ctx: WalletContext, uploadId: string): Promise<void> {
  await deleteUpload(ctx.db, ctx.user.id, uploadId);
}

/** Edit on the credential page. Returns the share slug to revalidate, or null when not this learner's. */
export async function editCredential(
  ctx: WalletContext,
  id: string,
  edits: CredentialEdits,
): Promise<{ shareSlug: string } | null> {
  const clean = validateEdits(edits);
  return updateCredentialDetails(ctx.db, ctx.user.id, id, clean);
}

export async function removeCredential(ctx: WalletContext, id: string): Promise<{ shareSlug: string } | null> {
  return deleteCredential(ctx.db, ctx.user.id, id);
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
