// How the APIs Sash hosts answer (issue #22 §1): JSON never cached, failures as Imsx_StatusInfo (OB 3.0 / CLR 2.0)
// or as the OB 2.1 status envelope, each with its HTTP status; OAuth bearer failures carry WWW-Authenticate.
import { AppError } from "@/lib/errors";
import type { ErrorCode } from "@/lib/errors/codes";
import { apiFailureKind, imsxFailure, ob21Status } from "@/lib/ims/imsx";
import { toPublicFailure, type PublicFailure } from "@/server/errors";
import { jsonResponse } from "@/server/http/wrap";

/** An expected refusal of the API, with its code (lib/errors/codes.ts) and words for the client. */
export class ImsError extends AppError {
  constructor(code: ErrorCode, message?: string, status = 400) {
    super(code, message, { expose: true, status });
    this.name = "ImsError";
  }
}

function authHeaders(e: unknown, status: number): Record<string, string> {
  const www = (e as { wwwAuthenticate?: unknown })?.wwwAuthenticate;
  if (typeof www === "string") return { "www-authenticate": www };
  return status === 401 ? { "www-authenticate": 'Bearer realm="Sash"' } : {};
}

export function imsxResponse(failure: PublicFailure, headers: Record<string, string> = {}): Response {
  const kind = apiFailureKind(failure.code, failure.status);
  const extra: Record<string, string> = kind.status === 429 || kind.status === 503 ? { "retry-after": "5" } : {};
  return jsonResponse(kind.status, imsxFailure(kind.codeMinor, failure.message), { ...extra, ...headers });
}

export function ob21ErrorResponse(failure: PublicFailure, headers: Record<string, string> = {}): Response {
  const kind = apiFailureKind(failure.code, failure.status);
  return jsonResponse(kind.status, { status: ob21Status(kind.status, kind.statusText, failure.message) }, headers);
}

export type ApiStyle = "imsx" | "ob21";

/** Runs an API operation; any failure becomes the API's own error body (never a stack, never Sash's route JSON). */
export async function answering(style: ApiStyle, where: string, op: () => Promise<Response>): Promise<Response> {
  try {
    return await op();
  } catch (e) {
    const failure = toPublicFailure(e, where);
    const headers = authHeaders(e, failure.status);
    return style === "imsx" ? imsxResponse(failure, headers) : ob21ErrorResponse(failure, headers);
  }
}

/** route()'s onError for these routes (a failure outside `answering`). */
export const imsxOnError = (failure: PublicFailure) => imsxResponse(failure);
export const ob21OnError = (failure: PublicFailure) => ob21ErrorResponse(failure);
