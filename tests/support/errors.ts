// The one `codeOf` test helper (issue #19 §4, §8): the code of the AppError some work fails with.
import { expect } from "vitest";
import { isAppError, type AppError, type ErrorCode } from "@/lib/errors";

/** What the work came to: the error's code, or NO_ERROR when it succeeded. */
export type Outcome = ErrorCode | "NO_ERROR";

export interface CodeOfOptions {
  /** The error must be an instance of this class (e.g. SashError). Every error is an AppError regardless. */
  type?: abstract new (...args: never[]) => AppError;
  /** The error must (true) or must not (false) be exposed to the learner. */
  exposed?: boolean;
  /** The error's message must match. */
  message?: RegExp;
}

function check(e: unknown, options: CodeOfOptions): ErrorCode {
  expect(isAppError(e), `expected an AppError, got ${String(e)}`).toBe(true);
  const err = e as AppError;
  if (options.type) expect(err).toBeInstanceOf(options.type);
  if (options.exposed !== undefined) expect(err.expose).toBe(options.exposed);
  if (options.message) expect(err.message).toMatch(options.message);
  return err.code;
}

/**
 * The code `work` fails with, or "NO_ERROR". A promise gives a promise; a function is called
 * and answered at once (for synchronous code). The error must be an AppError, and whatever
 * `options` asks of it.
 */
export function codeOf(work: Promise<unknown>, options?: CodeOfOptions): Promise<Outcome>;
export function codeOf(work: () => unknown, options?: CodeOfOptions): Outcome;
export function codeOf(
  work: Promise<unknown> | (() => unknown),
  options: CodeOfOptions = {},
): Outcome | Promise<Outcome> {
  if (typeof work === "function") {
    try {
      work();
    } catch (e) {
      return check(e, options);
    }
    return "NO_ERROR";
  }
  return work.then(
    (): Outcome => "NO_ERROR",
    (e: unknown) => check(e, options),
  );
}
