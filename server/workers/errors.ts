// Errors across the thread boundary: an AppError thrown in a worker arrives in the caller with its
// class (when it is one of the known ones), code, message, status and expose flag.
import { AppError } from "@/lib/errors";
import type { ErrorCode } from "@/lib/errors/codes";
import { FetchError } from "@/lib/net/errors";
import { ZipImportError } from "@/lib/portfolio/zip";
import { SashError } from "@/lib/badges/errors";

export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  status?: number;
  expose?: boolean;
  url?: string;
  stack?: string;
}

const KNOWN: Record<string, { prototype: object }> = { FetchError, ZipImportError, SashError, AppError };

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) {
    const a = e as Error & { code?: unknown; status?: unknown; expose?: unknown; url?: unknown };
    return {
      name: e.constructor?.name && e.constructor.name in KNOWN ? e.constructor.name : e.name,
      message: e.message,
      code: typeof a.code === "string" ? a.code : undefined,
      status: typeof a.status === "number" ? a.status : undefined,
      expose: typeof a.expose === "boolean" ? a.expose : undefined,
      url: typeof a.url === "string" ? a.url : undefined,
      stack: e.stack,
    };
  }
  return { name: "Error", message: String(e) };
}

/** The error again: an AppError subclass instance when it was one (instanceof and code hold), else a plain Error. */
export function deserializeError(s: SerializedError): Error {
  if (s.code && (s.name in KNOWN || s.expose !== undefined)) {
    const proto = (KNOWN[s.name] ?? AppError).prototype;
    const e = new AppError(s.code as ErrorCode, s.message, { expose: s.expose, status: s.status });
    Object.setPrototypeOf(e, proto);
    Object.defineProperty(e, "name", { value: s.name, writable: true, configurable: true });
    if (s.url !== undefined) (e as unknown as { url: string }).url = s.url;
    if (s.stack) e.stack = s.stack;
    return e;
  }
  const e = new Error(s.message);
  e.name = s.name;
  if (s.stack) e.stack = s.stack;
  return e;
}
