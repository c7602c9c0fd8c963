// The library's size limits, on their own so that browser code (the wallet's
// upload form, via lib/wallet/rules.ts) can use them without pulling in the
// unbaker. No imports.

const MB = 1024 * 1024;

/** Uploads above this are refused before any parsing (issue #3: PAYLOAD_TOO_LARGE). */
export const MAX_INPUT_BYTES = 10 * MB;

/** Inflated (or plain) payload text may not exceed this; inflation stops at the cap. */
export const MAX_PAYLOAD_BYTES = 2 * MB;

/**
 * A CLR 2.0 learner record (issue #13) holds at most this many nested credentials, achievements and
 * associations; a larger one is refused (CLR_TOO_LARGE) before any of it is normalised or verified.
 */
export const MAX_CLR_CREDENTIALS = 200;
export const MAX_CLR_ACHIEVEMENTS = 1000;
export const MAX_CLR_ASSOCIATIONS = 2000;

/** "10 MB": a limit as the learner reads it (whole mebibytes, as the limits are). */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / MB)} MB`;
}
