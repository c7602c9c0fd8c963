// What the CLI prints for an error no command caught: {"ok":false,"error":{"code","message"}} with a code from
// lib/errors/codes.ts ERROR_CODES — never a raw Node (ENOENT, EACCES…) or PostgreSQL (SQLSTATE 42P01…) code,
// which name no Sash error. The raw code stays in the message for whoever reads it.
import { isErrorCode, type ErrorCode } from "@/lib/errors";
import { isDatabaseDown } from "@/server/errors";

// Node's file-system codes when reading a path: it isn't there, or it can't be read as a file. Other system calls
// (mkdir, write…) failing are INTERNAL: the file a command was asked to read is not what went wrong.
const READ_CALLS = new Set(["open", "read", "stat", "lstat", "fstat", "access", "scandir", "opendir", "readlink"]);
const NOT_FOUND = new Set(["ENOENT", "ENOTDIR"]);
const NOT_READABLE = new Set(["EACCES", "EPERM", "EISDIR", "ELOOP", "ENAMETOOLONG"]);

export interface CliFailure {
  code: ErrorCode;
  message: string;
}

/** The coded failure for `err`. */
export function cliFailure(err: unknown): CliFailure {
  const message = err instanceof Error ? err.message : String(err);
  const raw = (err as { code?: unknown } | null)?.code;
  if (isErrorCode(raw)) return { code: raw, message };
  const withRaw = typeof raw === "string" && raw && !message.includes(raw) ? `${message} (${raw})` : message;
  if (isDatabaseDown(err)) return { code: "DATABASE_UNAVAILABLE", message: withRaw };
  const syscall = (err as { syscall?: unknown } | null)?.syscall;
  if (typeof raw === "string" && typeof syscall === "string" && READ_CALLS.has(syscall)) {
    if (NOT_FOUND.has(raw)) return { code: "FILE_NOT_FOUND", message: withRaw };
    if (NOT_READABLE.has(raw)) return { code: "FILE_NOT_READABLE", message: withRaw };
  }
  return { code: "INTERNAL", message: withRaw };
}
