// The one base error type. Every failure Sash reports carries a stable `code`;
// `expose` says whether its message was written for the learner. Only exposed
// messages reach a learner: everything else becomes "Something went wrong
// (reference X)" and the details go to the server log under that reference.

export interface AppErrorOptions {
  /** Whether the message may be shown to the learner as it is. */
  expose?: boolean;
  /** HTTP status for route handlers (default: 422 when exposed, 500 otherwise). */
  status?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly expose: boolean;
  readonly status: number;
  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = "AppError";
    this.code = code;
    this.expose = options.expose ?? false;
    this.status = options.status ?? (this.expose ? 422 : 500);
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export const DATABASE_UNAVAILABLE_MESSAGE = "Sash can't reach its database right now — try again in a minute";

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
 * Whether an error's message was written for the learner: an AppError with `expose`, or any
 * error carrying the same contract (`expose: true` and a string `code`) — lower layers such as
 * db/ declare it without importing this class.
 */
export function isExposed(e: unknown): e is Error & { code: string; expose: true } {
  if (!(e instanceof Error)) return false;
  const x = e as Error & { code?: unknown; expose?: unknown };
  return x.expose === true && typeof x.code === "string";
}
