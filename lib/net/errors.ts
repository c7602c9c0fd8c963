// Errors raised by the SSRF-safe fetcher. Callers switch on `code`, never on the message, and put it in their own
// words (the messages here are for logs and the CLI, so FetchError is never exposed).
import { AppError } from "../errors";

export type FetchErrorCode =
  /** Not a valid absolute http(s) URL. */
  | "FETCH_INVALID_URL"
  /** Refused by policy: not https, or the host resolves to a private/loopback/link-local/… address. */
  | "FETCH_BLOCKED"
  /** The whole request (all redirects included) took longer than the timeout. */
  | "FETCH_TIMEOUT"
  /** The body grew past the byte cap while streaming. */
  | "FETCH_TOO_LARGE"
  /** The response is neither JSON nor JWS text. */
  | "FETCH_BAD_TYPE"
  /** More redirects than allowed, or a redirect without a usable Location. */
  | "FETCH_TOO_MANY_REDIRECTS"
  /** DNS failure, connection refused/reset, TLS failure. */
  | "FETCH_NETWORK";

export class FetchError extends AppError {
  declare readonly code: FetchErrorCode;
  readonly url: string;
  constructor(code: FetchErrorCode, url: string, message: string, options?: { cause?: unknown }) {
    super(code, message, { cause: options?.cause });
    this.name = "FetchError";
    this.url = url;
  }
}
