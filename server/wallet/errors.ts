// The wallet service's own error (split from server/wallet/import.ts).

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
