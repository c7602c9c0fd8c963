// Step 1 of the add-credential flow (split from server/wallet/import.ts):
// bytes or text in → staged server-side → pre-filled draft out, or "already in
// your wallet"; housekeeping of expired staging rows; Cancel.
import { findDuplicate } from "@/db/queries/credentials";
import type { DuplicateRef } from "@/lib/wallet/types";
import { deleteUpload, insertUpload, sweepExpiredUploads } from "@/db/queries/uploads";
import { findRecordDuplicate } from "@/db/queries/learner-records";
import { credentialFileText } from "@/lib/wallet/records";
import { unbake, importPayload } from "@/lib/badges/unbake";
import { SashError, isSashError } from "@/lib/badges/errors";
import { sniffContainer } from "@/lib/badges/sniff";
import type { BadgeRecord } from "@/lib/badges/types";
import { manualEntryReport } from "@/lib/badges/verify";
import { MAX_UPLOAD_BYTES, STAGING_TTL_MS } from "@/lib/wallet/rules";
import { getSkillIndex } from "@/server/skills";
import { checkPngBudget, ImageTooLargeError } from "@/lib/share/image";
import { draftFrom } from "./draft";
import { WalletError } from "./errors";
import { nowOf, sha256Hex } from "./fields";
import type { ImportDraft, ImportOrigin, StageResult, WalletContext } from "./types";

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

/** Throws away a staged import (Cancel). */
export async function discardStaged(ctx: WalletContext, uploadId: string): Promise<void> {
  await deleteUpload(ctx.db, ctx.user.id, uploadId);
}
