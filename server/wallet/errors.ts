// The wallet service's own error (split from server/wallet/import.ts).
import { AppError } from "@/lib/errors";

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
