// One error class with stable codes (modelled on jose's ERR_* codes).
// Messages are written for the learner who will read them.
import { AppError } from "../errors";
import { MAX_CLR_CREDENTIALS, MAX_INPUT_BYTES, megabytes } from "./limits";

export type SashErrorCode =
  | "UNSUPPORTED_FILE"
  | "CORRUPT_IMAGE"
  | "NO_BADGE_DATA"
  | "PAYLOAD_TOO_LARGE"
  | "INVALID_PAYLOAD"
  | "REMOTE_UNAVAILABLE"
  | "CLR_NESTED"
  | "CLR_TOO_LARGE";

export const DEFAULT_MESSAGES: Record<SashErrorCode, string> = {
  UNSUPPORTED_FILE:
    "This file isn't a PNG or SVG badge image. Download the badge as PNG or SVG from your issuer and try again.",
  CORRUPT_IMAGE: "This image file is damaged or incomplete, so its badge data can't be read. Try downloading it again.",
  NO_BADGE_DATA: "This image doesn't contain any badge data. You can still add it by typing the details yourself.",
  PAYLOAD_TOO_LARGE: `This file is too large. Badge images must be ${megabytes(MAX_INPUT_BYTES)} or smaller.`,
  INVALID_PAYLOAD: "This image contains data, but it isn't a valid Open Badge.",
  REMOTE_UNAVAILABLE:
    "This badge keeps its details on the issuer's website, and we couldn't reach it. Try again later or enter the details yourself.",
  CLR_NESTED:
    "This learner record contains another learner record inside it. Sash reads records one level deep: ask the issuer for the inner record on its own.",
  CLR_TOO_LARGE: `This learner record is too large: Sash reads at most ${MAX_CLR_CREDENTIALS} credentials from one record.`,
};

/** The badge library's errors: every message is written for the learner (exposed). */
export class SashError extends AppError {
  declare readonly code: SashErrorCode;
  readonly detail?: string;
  constructor(code: SashErrorCode, message?: string, options?: { cause?: unknown; detail?: string }) {
    super(code, message ?? DEFAULT_MESSAGES[code], { expose: true, status: 422, cause: options?.cause });
    this.name = "SashError";
    this.detail = options?.detail;
  }
  toJSON() {
    return { code: this.code, message: this.message };
  }
}

export function isSashError(e: unknown): e is SashError {
  return e instanceof SashError;
}
