// What the credential queries raise (split from db/queries/credentials.ts). No
// learner text is written here: the wallet service words these failures
// (server/wallet/errors.ts), and a duplicate's wording lives in lib/errors/wording.ts.
import { AppError } from "@/lib/errors";
import { alreadyInWalletWording } from "@/lib/errors/wording";
import type { DuplicateRef } from "@/lib/wallet/types";

/** Raised inside insertCredential when the learner's wallet is full. */
export class QuotaExceededError extends AppError {
  declare readonly code: "QUOTA_EXCEEDED";
  /** Not exposed: the message is for the log; the wallet service words it for the learner (quotaMessage). */
  constructor(
    readonly kind: "credentials" | "storage",
    readonly used: number,
    readonly limit: number,
    readonly adding: number,
  ) {
    super("QUOTA_EXCEEDED", `wallet quota exceeded (${kind}: ${used} + ${adding} > ${limit})`);
    this.name = "QuotaExceededError";
  }
}

/** Raised inside insertCredential when the staged bytes are gone or no longer match their hash. */
export class StagedFileMissingError extends AppError {
  declare readonly code: "NOT_FOUND";
  constructor() {
    // NOT_FOUND's own wording (lib/errors/wording.ts); the wallet service words it for the
    // upload in hand ("This upload has expired", server/wallet/errors.ts walletErrorOf).
    super("NOT_FOUND", undefined, { expose: true });
    this.name = "StagedFileMissingError";
  }
}

/** Raised when the learner already holds this credential (same id or same file). */
export class DuplicateCredentialError extends AppError {
  declare readonly code: "DUPLICATE_CREDENTIAL";
  constructor(readonly existing: DuplicateRef) {
    super("DUPLICATE_CREDENTIAL", alreadyInWalletWording(existing.title), { expose: true });
    this.name = "DuplicateCredentialError";
  }
}
