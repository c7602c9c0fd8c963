// The badge library's one error class (modelled on jose's ERR_* codes), part of the one
// hierarchy in lib/errors.ts. Its wording is the learner wording of each code, written once
// in lib/errors/wording.ts (the add-credential flow shows the same words under its heading).
import { AppError, LEARNER_WORDING, type LearnerErrorCode } from "../errors";

/** The codes the badge library raises (a part of the one closed list, lib/errors/codes.ts). */
export const SASH_ERROR_CODES = [
  "UNSUPPORTED_FILE",
  "CORRUPT_IMAGE",
  "NO_BADGE_DATA",
  "PAYLOAD_TOO_LARGE",
  "INVALID_PAYLOAD",
  "REMOTE_UNAVAILABLE",
  "CLR_NESTED",
  "CLR_TOO_LARGE",
] as const satisfies readonly LearnerErrorCode[];

export type SashErrorCode = (typeof SASH_ERROR_CODES)[number];

/** Each badge code's learner wording (a view of LEARNER_WORDING, not a second copy). */
export const DEFAULT_MESSAGES: Readonly<Record<SashErrorCode, string>> = Object.fromEntries(
  SASH_ERROR_CODES.map((c) => [c, LEARNER_WORDING[c]]),
) as Record<SashErrorCode, string>;

/** The badge library's errors: every message is written for the learner (exposed). */
export class SashError extends AppError {
  declare readonly code: SashErrorCode;
  readonly detail?: string;
  constructor(code: SashErrorCode, message?: string, options?: { cause?: unknown; detail?: string }) {
    super(code, message ?? LEARNER_WORDING[code], { expose: true, status: 422, cause: options?.cause });
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
