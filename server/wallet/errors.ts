// The wallet service's own error (split from server/wallet/import.ts), and the
// one place where failures of the layers below become the learner's words
// (issue #19 §1): every door (upload, URL, paste, CLR, ZIP restore) goes
// through walletErrorOf, so each failure reads the same wherever it happens.
import { QuotaExceededError, StagedFileMissingError } from "@/db/queries/credential-errors";
import { AppError } from "@/lib/errors";
import { ImageTooLargeError } from "@/lib/share/image";
import { WALLET_MESSAGES } from "@/lib/wallet/rules";
import { quotaMessage } from "./quota";

/** Expected failures of the wallet service, with a learner-facing message. */
export class WalletError extends AppError {
  declare readonly code: WalletErrorCode;
  /** `message` is written for the learner (exposed). */
  constructor(code: WalletErrorCode, message: string) {
    super(code, message, { expose: true });
    this.name = "WalletError";
  }
}

export type WalletErrorCode = "NOT_FOUND" | "INVALID_INPUT" | "QUOTA_EXCEEDED" | "IMAGE_TOO_LARGE";

/**
 * The learner's words for a failure of the database or image layers: a staged
 * file gone (the upload expired), a full wallet, a picture over the pixel
 * budget. Null for anything else (a duplicate is an outcome the door reports;
 * the rest is logged, never shown).
 */
export function walletErrorOf(e: unknown): WalletError | null {
  if (e instanceof WalletError) return e;
  if (e instanceof StagedFileMissingError) return new WalletError("NOT_FOUND", WALLET_MESSAGES.uploadExpired);
  if (e instanceof QuotaExceededError) return new WalletError("QUOTA_EXCEEDED", quotaMessage(e));
  if (e instanceof ImageTooLargeError) return new WalletError("IMAGE_TOO_LARGE", e.message);
  return null;
}
