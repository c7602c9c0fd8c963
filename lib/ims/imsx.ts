// The error and status bodies of the 1EdTech APIs (issue #22 §1), pure.
//
// Open Badges 3.0 / CLR 2.0: every failure answers an Imsx_StatusInfo (OB 3.0 OpenAPI components.schemas.Imsx_StatusInfo:
// imsx_codeMajor "failure", imsx_severity "error", imsx_description, imsx_codeMinor.imsx_codeMinorField[] with
// imsx_codeMinorFieldValue from the schema's closed enumeration).
// Open Badges 2.1 (Badge Connect): every answer carries `status` {error, statusCode, statusText} with statusText from
// that specification's enumeration; Moodle reads `status.statusCode == 200` as success.

/** Imsx_CodeMinorFieldValue, exactly the OB 3.0 / CLR 2.0 OpenAPI enumeration. */
export type ImsxCodeMinor =
  | "forbidden"
  | "fullsuccess"
  | "internal_server_error"
  | "invalid_data"
  | "invalid_query_parameter"
  | "misdirected_request"
  | "not_acceptable"
  | "not_allowed"
  | "not_modified"
  | "server_busy"
  | "unauthorizedrequest"
  | "unknown";

export interface ImsxStatusInfo {
  imsx_codeMajor: "failure" | "processing" | "success" | "unsupported";
  imsx_severity: "error" | "status" | "warning";
  imsx_description?: string;
  imsx_codeMinor?: {
    imsx_codeMinorField: Array<{ imsx_codeMinorFieldName: string; imsx_codeMinorFieldValue: ImsxCodeMinor }>;
  };
}

export function imsxFailure(codeMinor: ImsxCodeMinor, description: string): ImsxStatusInfo {
  return {
    imsx_codeMajor: "failure",
    imsx_severity: "error",
    imsx_description: description,
    imsx_codeMinor: {
      imsx_codeMinorField: [{ imsx_codeMinorFieldName: "TargetEndSystem", imsx_codeMinorFieldValue: codeMinor }],
    },
  };
}

/** A failure of the API: its HTTP status, the Imsx code minor and the OB 2.1 statusText for it. */
export interface ApiFailureKind {
  status: number;
  codeMinor: ImsxCodeMinor;
  statusText: Ob21StatusText;
}

/** Sash's error codes (lib/errors/codes.ts) as the APIs answer them. Anything unlisted is a client error (400). */
const BY_CODE: Record<string, ApiFailureKind> = {
  UNAUTHENTICATED: { status: 401, codeMinor: "unauthorizedrequest", statusText: "UNAUTHENTICATED" },
  FORBIDDEN: { status: 403, codeMinor: "forbidden", statusText: "PERMISSION_DENIED" },
  NOT_FOUND: { status: 404, codeMinor: "unknown", statusText: "NOT_FOUND" },
  IMS_METHOD_NOT_ALLOWED: { status: 405, codeMinor: "not_allowed", statusText: "METHOD_NOT_ALLOWED" },
  IMS_INVALID_QUERY: { status: 400, codeMinor: "invalid_query_parameter", statusText: "BAD_REQUEST" },
  QUOTA_EXCEEDED: { status: 403, codeMinor: "forbidden", statusText: "PERMISSION_DENIED" },
  TOO_MANY_UPLOADS: { status: 429, codeMinor: "server_busy", statusText: "BAD_REQUEST" },
  RATE_LIMITED: { status: 429, codeMinor: "server_busy", statusText: "BAD_REQUEST" },
  DATABASE_UNAVAILABLE: { status: 503, codeMinor: "server_busy", statusText: "BAD_REQUEST" },
  INTERNAL: { status: 500, codeMinor: "internal_server_error", statusText: "BAD_REQUEST" },
  INVALID_PAYLOAD: { status: 400, codeMinor: "invalid_data", statusText: "INVALID_BADGE" },
  IMS_WRONG_CREDENTIAL_TYPE: { status: 400, codeMinor: "invalid_data", statusText: "INVALID_BADGE" },
  NO_BADGE_DATA: { status: 400, codeMinor: "invalid_data", statusText: "INVALID_BADGE" },
  REMOTE_UNAVAILABLE: { status: 400, codeMinor: "invalid_data", statusText: "INVALID_BADGE" },
};

/**
 * How the API answers a failure with Sash's `code` and the status the code's error carried: OAuth bearer failures
 * (server/oauth's OAUTH_* codes) keep their 401 / 403; everything about the request body is a 400 "invalid_data".
 */
export function apiFailureKind(code: string, status: number): ApiFailureKind {
  const known = BY_CODE[code];
  if (known) return known;
  if (code.startsWith("OAUTH_") || status === 401 || status === 403) {
    return status === 403
      ? { status: 403, codeMinor: "forbidden", statusText: "PERMISSION_DENIED" }
      : { status: 401, codeMinor: "unauthorizedrequest", statusText: "UNAUTHENTICATED" };
  }
  if (status >= 500) return { status: 500, codeMinor: "internal_server_error", statusText: "BAD_REQUEST" };
  return { status: 400, codeMinor: "invalid_data", statusText: "REQUEST_VALIDATION_ERROR" };
}

/** Open Badges 2.1 Status.statusText, exactly its enumeration. */
export type Ob21StatusText =
  | "OK"
  | "REQUEST_VALIDATION_ERROR"
  | "RECIPIENT_PROFILE_MISMATCH"
  | "INVALID_BADGE"
  | "BAD_REQUEST"
  | "UNAUTHENTICATED"
  | "PERMISSION_DENIED"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED";

export interface Ob21Status {
  error: string | null;
  statusCode: number;
  statusText: Ob21StatusText;
}

export function ob21Status(statusCode: number, statusText: Ob21StatusText, error: string | null = null): Ob21Status {
  return { error, statusCode, statusText };
}
