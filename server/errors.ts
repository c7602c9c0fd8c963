// Turning any failure into what a learner may see. Exposed errors (lib/errors.ts)
// keep their message; a database that can't be reached gets its own message (503);
// everything else becomes "Something went wrong (reference X)" and the details go
// to the server log under that reference — name, code, message and stack only,
// never request parameters or uploaded bytes.
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  isExposed,
  newErrorReference,
  somethingWentWrong,
  type ErrorCode,
} from "@/lib/errors";
import { unavailableResponse } from "@/lib/http/unavailable";

export interface PublicFailure {
  code: ErrorCode;
  message: string;
  status: number;
  /** Present when the details were logged under it. */
  reference?: string;
}

// Node's network errors, and PostgreSQL's connection exception / operator intervention classes.
const DOWN_CODES = new Set([
  "DATABASE_UNAVAILABLE",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
]);
const DOWN_MESSAGES =
  /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)\b|Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|the database system is (starting up|shutting down)/i;

function* causes(e: unknown): Generator<unknown> {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 6; depth++) {
    yield cur;
    if (cur instanceof AggregateError) yield* cur.errors;
    cur = (cur as { cause?: unknown }).cause;
  }
}

/** Whether `e` (or anything in its cause chain) says the database can't be reached. */
export function isDatabaseDown(e: unknown): boolean {
  for (const c of causes(e)) {
    const { code, sqlState } = (c ?? {}) as { code?: unknown; sqlState?: unknown };
    if (typeof code === "string" && DOWN_CODES.has(code)) return true;
    if (typeof sqlState === "string" && DOWN_CODES.has(sqlState)) return true;
    if (c instanceof Error && DOWN_MESSAGES.test(c.message)) return true;
  }
  return false;
}

function firstLine(text: string, max = 300): string {
  // drizzle's "Failed query: … params: …" would otherwise put learner data in the log.
  const line = text.split("\n")[0].replace(/\s*params:.*$/s, "");
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** One log entry for an unexpected failure: what, where, and the stack — nothing the learner sent. */
export function describeForLog(e: unknown): string {
  const parts: string[] = [];
  for (const c of causes(e)) {
    if (c instanceof Error) {
      const code = (c as { code?: unknown }).code;
      // Frames only: the stack's first lines repeat the message (and so anything it carried).
      const stack = (c.stack ?? "")
        .split("\n")
        .filter((l) => /^\s+at /.test(l))
        .slice(0, 8)
        .join("\n");
      parts.push(
        `${c.name}${typeof code === "string" ? ` [${code}]` : ""}: ${firstLine(c.message)}${stack ? `\n${stack}` : ""}`,
      );
    } else {
      parts.push(`thrown ${typeof c}`);
    }
  }
  return parts.join("\ncaused by ");
}

export function logFailure(reference: string, where: string, e: unknown): void {
  console.error(`sash: error ${reference} in ${where}: ${describeForLog(e)}`);
}

/** What the learner sees for `e`; unexpected errors are logged under a fresh reference. */
export function toPublicFailure(e: unknown, where: string): PublicFailure {
  if (isExposed(e)) {
    return { code: e.code, message: e.message, status: typeof e.status === "number" ? e.status : 422 };
  }
  const reference = newErrorReference();
  if (isDatabaseDown(e)) {
    console.error(`sash: error ${reference} in ${where}: database unreachable: ${describeForLog(e).split("\n")[0]}`);
    return { code: "DATABASE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE, status: 503, reference };
  }
  logFailure(reference, where, e);
  return { code: "INTERNAL", message: somethingWentWrong(reference), status: 500, reference };
}

/** Next.js redirect()/notFound() work by throwing; those must pass through untouched. */
export function isNextControlFlow(e: unknown): boolean {
  const digest = (e as { digest?: unknown } | null)?.digest;
  // Every error Next.js throws on purpose carries a string digest (NEXT_REDIRECT;…, NEXT_HTTP_ERROR_FALLBACK;404, …).
  return typeof digest === "string";
}

/**
 * For public route handlers (the share links): what the handler answers, or the 503 page
 * when the database can't be reached. Answers served from memory never get here.
 */
export async function orUnavailable(
  handler: () => Promise<Response>,
  onDatabaseDown: () => Promise<void> = markProcessDatabaseDown,
): Promise<Response> {
  try {
    return await handler();
  } catch (e) {
    if (!isDatabaseDown(e)) throw e;
    await onDatabaseDown();
    return unavailableResponse();
  }
}

/** Switches this process's pages to the 503 answer until the database is back (server/db-health.ts). */
async function markProcessDatabaseDown(): Promise<void> {
  const { markDatabaseDown } = await import("./db-health");
  markDatabaseDown();
}
