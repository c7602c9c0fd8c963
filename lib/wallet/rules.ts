// The wallet's form rules, limits and short messages, written once. Client-safe
// (zod and constants only): the add and edit forms use the limits, the server
// actions parse their FormData with these schemas, and the wallet service
// (server/wallet/fields.ts validateEdits) enforces the same schema on every save and edit.
import { z } from "zod";
import { MAX_INPUT_BYTES, megabytes } from "@/lib/badges/limits";

/** Largest badge image (or pasted text) the wallet takes: the unbaker's own cap. */
export const MAX_UPLOAD_BYTES = MAX_INPUT_BYTES;
export const MAX_UPLOAD_SIZE_TEXT = megabytes(MAX_UPLOAD_BYTES);
/** How long a staged import waits for Submit. */
export const STAGING_TTL_MS = 60 * 60 * 1000;
export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 10_000;

export const WALLET_MESSAGES = {
  titleRequired: "Give the credential a title.",
  titleTooLong: `Keep the title under ${MAX_TITLE} characters.`,
  titleOneLine: "Keep the title on one line.",
  descriptionTooLong: `Keep the description under ${MAX_DESCRIPTION.toLocaleString("en")} characters.`,
  pasteRequired: "Paste a badge web address, JSON or token first.",
  uploadExpired: "This upload has expired. Please add the badge again.",
  notInWallet: "This credential isn't in your wallet.",
  recordNotInWallet: "This learner record isn't in your wallet.",
  recordNotCredential: "This is a learner record: it is saved as a record with each of its credentials.",
} as const;

/**
 * Learner-written text (issue #25 §2). Names and titles are one line: no line
 * breaks (CR, LF, NEL, U+2028/2029), no control characters (C0, DEL, C1) and no
 * bidirectional overrides, which could make text read differently from what it
 * says. Longer text (a description) may hold line breaks and tabs, nothing else
 * of the kind.
 */
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/u;
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const CONTROL_BUT_BREAKS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069]/u;

export const TEXT_MESSAGES = {
  oneLine: "Please keep this on one line.",
  noControl: "Please remove the invisible control characters.",
} as const;

export const MAX_NAME = 100;

/** One trimmed line of learner text, at most `max` characters. */
export function singleLineText(max: number, messages: { required?: string; tooLong: string; oneLine?: string }) {
  const base = z.string().trim();
  return (messages.required ? base.min(1, messages.required) : base)
    .max(max, messages.tooLong)
    .refine((v) => !LINE_BREAK.test(v), messages.oneLine ?? TEXT_MESSAGES.oneLine)
    .refine((v) => !CONTROL_OR_BIDI.test(v), TEXT_MESSAGES.noControl);
}

/** Longer learner text: line breaks and tabs allowed, other control characters not. */
export function multiLineText(max: number, tooLong: string) {
  return z
    .string()
    .trim()
    .max(max, tooLong)
    .refine((v) => !CONTROL_BUT_BREAKS.test(v), TEXT_MESSAGES.noControl);
}

/**
 * Text from elsewhere (a single sign-on provider's name claim) made into one
 * line: every line break or control character becomes a space, runs of spaces
 * one, trimmed and cut to `max`.
 */
export function toSingleLine(value: string, max: number): string {
  return value
    .replace(new RegExp(`(?:${LINE_BREAK.source}|${CONTROL_OR_BIDI.source})+`, "gu"), " ")
    .replace(/\s+/gu, " ")
    .trim()
    .slice(0, max)
    .trim();
}

/** The learner's name, as sign-up takes it and every account stores it. */
export const nameSchema = singleLineText(MAX_NAME, {
  required: "Please enter your name.",
  tooLong: `Names can be at most ${MAX_NAME} characters.`,
  oneLine: "Please write your name on one line.",
});

const uploadId = z.string().uuid({ message: WALLET_MESSAGES.uploadExpired });
const credentialId = z.string().uuid({ message: WALLET_MESSAGES.notInWallet });

/** Deleting a learner record: its id and what to do with its credentials (two explicit choices). */
export const deleteRecordSchema = z.object({
  id: z.string().uuid({ message: WALLET_MESSAGES.recordNotInWallet }),
  credentials: z.enum(["keep", "delete"], { message: "Choose whether to keep the record's credentials." }),
});

/** Title and Description, as the add form, the edit form and the service take them (both trimmed). */
export const credentialTextSchema = z.object({
  title: singleLineText(MAX_TITLE, {
    required: WALLET_MESSAGES.titleRequired,
    tooLong: WALLET_MESSAGES.titleTooLong,
    oneLine: WALLET_MESSAGES.titleOneLine,
  }),
  description: multiLineText(MAX_DESCRIPTION, WALLET_MESSAGES.descriptionTooLong).optional().default(""),
});

/** /wallet/add: a hosted badge URL, or pasted JSON / JWS / JWT. */
export const importTextSchema = z.object({
  payload: z.string().trim().min(1, WALLET_MESSAGES.pasteRequired).max(MAX_UPLOAD_BYTES),
});

/** /wallet/add: "Enter details yourself" (no fields). */
export const manualEntrySchema = z.object({});

/** /wallet/add: verify or discard a staged import. */
export const stagedUploadSchema = z.object({ uploadId });

/** /wallet/add: Submit (skills travel as repeated `skills` fields beside these). */
export const saveDraftSchema = credentialTextSchema.extend({ uploadId });

/** /wallet/c/[id]/edit: Save changes (skills as for saveDraftSchema). */
export const editCredentialSchema = credentialTextSchema.extend({ id: credentialId });

/** The credential page's Delete and Verify again. */
export const credentialIdSchema = z.object({ id: credentialId });

const checkbox = z.enum(["true", "false"]).transform((v) => v === "true");

/** The credential page's share controls: the link on or off, search engines allowed or not, a new link. */
export const shareEnabledSchema = z.object({ credentialId, enabled: checkbox });
export const shareIndexableSchema = z.object({ credentialId, indexable: checkbox });
export const shareLinkSchema = z.object({ credentialId });

/** The credential page's "The downloaded file shows the address it was issued to" switch. */
export const downloadShowsAddressSchema = z.object({ credentialId, on: checkbox });

/** The wallet's "dismiss this notice" button (a revoked or expired credential). */
export const dismissNoticeSchema = z.object({ id: z.uuid() });
