// The one base error type (issue #19 §4). Every error Sash raises extends AppError, with a
// `code` from the one closed list (lib/errors/codes.ts) and an `expose` flag saying whether
// its message was written for the learner. Only exposed messages reach a learner: everything
// else becomes "Something went wrong (reference X)" and the details go to the server log
// under that reference. The learner wording of each code is written once, in
// lib/errors/wording.ts. A plain `class X extends Error` anywhere else fails lint.
import { isErrorCode, type ErrorCode } from "./errors/codes";
import { learnerWording } from "./errors/wording";

export { ERROR_CODES, isErrorCode, isLearnerErrorCode, type ErrorCode, type LearnerErrorCode } from "./errors/codes";
export { DATABASE_UNAVAILABLE_MESSAGE, LEARNER_WORDING, learnerWording } from "./errors/wording";

export interface AppErrorOptions {
  /** Whether the message may be shown to the learner as it is. */
  expose?: boolean;
  /** HTTP status for route handlers (default: 422 when exposed, 500 otherwise). */
  status?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly expose: boolean;
  readonly status: number;
  /** `message` defaults to the code's learner wording (lib/errors/wording.ts). */
  constructor(code: ErrorCode, message?: string, options: AppErrorOptions = {}) {
    super(message ?? learnerWording(code) ?? code, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = "AppError";
    this.code = code;
    this.expose = options.expose ?? false;
    this.status = options.status ?? (this.expose ? 422 : 500);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** A short reference a learner can quote and an operator can find in the log. */
export function newErrorReference(): string {
  const bytes = new Uint8Array(5);
  crypto.getRandomValues(bytes);
  const alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
  return (
    Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("") +
    "-" +
    Date.now().toString(36).slice(-4).toUpperCase()
  );
}

export function somethingWentWrong(reference: string): string {
  return `Something went wrong (reference ${reference}). Please try again.`;
}

/**
 * Whether an error's message was written for the learner: an AppError with `expose` and a code
 * from the closed list. Checked by shape, not by class, so an AppError from a second copy of this
 * module (Next.js may bundle it twice) still counts.
 */
export function isExposed(e: unknown): e is AppError & { expose: true } {
  if (!(e instanceof Error)) return false;
  const x = e as Error & { code?: unknown; expose?: unknown };
  return x.expose === true && isErrorCode(x.code);
}
