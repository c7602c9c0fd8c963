// Every error code Sash raises, in one closed list (issue #19 §4). A code is "learner" when an error carrying it may
// be shown to the learner as it is (its wording lives once in lib/errors/wording.ts, checked against this list), and
// "internal" when it never is (the learner reads "Something went wrong (reference X)"; operators read the log or the
// CLI's JSON). Codes are stable: tests, the CLI's {"ok":false,"error":{"code"}} and the UI switch on them.

export const ERROR_CODES = {
  // ---- Any surface ----------------------------------------------------------------------------------------------
  /** An unexpected failure: the details are in the server log under a reference. */
  INTERNAL: "internal",
  DATABASE_UNAVAILABLE: "learner",
  UNAUTHENTICATED: "learner",
  FORBIDDEN: "learner",
  INVALID_INPUT: "learner",
  NOT_FOUND: "learner",
  RATE_LIMITED: "learner",
  /** The browser couldn't reach Sash at all (a page's own fetch failed). */
  NETWORK: "learner",
  /** The worker thread running this request's CPU-heavy step stopped (crashed or ran out of memory; server/workers). */
  WORKER_FAILED: "learner",

  // ---- Reading a badge (lib/badges: SashError) -------------------------------------------------------------------
  UNSUPPORTED_FILE: "learner",
  CORRUPT_IMAGE: "learner",
  NO_BADGE_DATA: "learner",
  PAYLOAD_TOO_LARGE: "learner",
  INVALID_PAYLOAD: "learner",
  REMOTE_UNAVAILABLE: "learner",
  CLR_NESTED: "learner",
  CLR_TOO_LARGE: "learner",
  /** A JSON-LD context Sash has no copy of (lib/badges/verify/document-loader.ts); becomes a failed check. */
  UNKNOWN_CONTEXT: "internal",

  // ---- Uploads and the wallet (server/wallet, db/queries) --------------------------------------------------------
  UPLOAD_FAILED: "learner",
  TOO_MANY_UPLOADS: "learner",
  UPLOAD_STAGING_FAILED: "internal",
  DUPLICATE_CREDENTIAL: "learner",
  QUOTA_EXCEEDED: "learner",
  IMAGE_TOO_LARGE: "learner",

  // ---- The SSRF-safe fetcher (lib/net: FetchError, never exposed itself); /jobs/check shows its wording -----------
  FETCH_INVALID_URL: "learner",
  FETCH_BLOCKED: "learner",
  FETCH_TIMEOUT: "learner",
  FETCH_TOO_LARGE: "learner",
  FETCH_BAD_TYPE: "learner",
  FETCH_TOO_MANY_REDIRECTS: "learner",
  FETCH_NETWORK: "learner",

  // ---- Crawling a careers site (lib/jobs/crawl.ts: CrawlError), reported by `sash import-jobs` -------------------
  CRAWL_BOUNDS: "internal",
  HTTP_STATUS: "internal",
  NOT_A_SITE_PAGE: "internal",
  SITEMAP_INVALID: "internal",
  SITEMAP_NESTED: "internal",

  // ---- Checking one posting (/jobs/check, server/jobs/check.ts) --------------------------------------------------
  POSTING_EMPTY: "learner",
  POSTING_HTTP_STATUS: "learner",
  POSTING_NOT_A_PAGE: "learner",
  POSTING_INVALID_JSON: "learner",
  POSTING_NOT_FOUND: "learner",
  POSTING_TOO_MANY_SKILLS: "learner",

  // ---- Reading a ZIP (lib/portfolio/zip.ts: ZipImportError) and restoring a wallet (server/portfolio/restore.ts) --------
  ZIP_INVALID: "learner",
  ZIP_TOO_MANY_ENTRIES: "learner",
  ZIP_TOO_LARGE: "learner",
  ZIP_RATIO: "learner",
  ZIP_UNSAFE_PATH: "learner",
  ZIP_DUPLICATE_NAME: "learner",
  ZIP_NESTED: "learner",
  ZIP_ENCRYPTED: "learner",
  ZIP_NO_INDEX: "learner",
  ZIP_BAD_INDEX: "learner",
  ZIP_BAD_ENTRY: "learner",
  ZIP_MISSING_FILE: "learner",
  ZIP_UNLISTED_FILE: "learner",
  ZIP_CHECKSUM: "learner",
  RESTORE_BUSY: "learner",
  SAVE_BUSY: "learner",

  // ---- Presentations (server/presentation) -----------------------------------------------------------------------
  PRESENTATION_EMPTY: "learner",
  PRESENTATION_TOO_LARGE: "learner",
  PRESENTATION_NOT_PRESENTABLE: "learner",

  // ---- Receiving by OpenID4VCI (server/oid4vci, issue #22 §2) ----------------------------------------------------
  OID4VCI_BAD_OFFER: "learner",
  OID4VCI_OFFER_UNREACHABLE: "learner",
  OID4VCI_BAD_METADATA: "learner",
  OID4VCI_TOKEN_REFUSED: "learner",
  OID4VCI_TX_CODE: "learner",
  OID4VCI_NONCE: "learner",
  OID4VCI_CREDENTIAL_REFUSED: "learner",
  OID4VCI_UNSUPPORTED: "learner",
  OID4VCI_DEFERRED: "learner",
  OID4VCI_STATE: "learner",
  OID4VCI_AUTHORIZATION_DENIED: "learner",

  // ---- Presenting by OpenID4VP (server/oid4vp, issue #22 §3) --------------------------------------------------------
  OID4VP_BAD_REQUEST: "learner",
  OID4VP_REQUEST_UNREACHABLE: "learner",
  OID4VP_SIGNATURE: "learner",
  OID4VP_CLIENT_ID: "learner",
  OID4VP_UNSUPPORTED: "learner",
  OID4VP_NO_MATCH: "learner",
  OID4VP_EXPIRED: "learner",
  OID4VP_RESPONSE_REFUSED: "learner",

  // ---- The Open Badges / CLR APIs Sash hosts (server/ims, issue #22 §1), answered as Imsx_StatusInfo / OB 2.1 status --
  IMS_METHOD_NOT_ALLOWED: "learner",
  IMS_INVALID_QUERY: "learner",
  IMS_WRONG_CREDENTIAL_TYPE: "learner",

  // ---- The OAuth 2.0 authorization server of those APIs (server/oauth, issue #22 §1) -------------------------------
  /** No bearer token, or one Sash doesn't know, that was revoked or expired (401). */
  OAUTH_TOKEN_MISSING: "learner",
  OAUTH_TOKEN_INVALID: "learner",
  OAUTH_TOKEN_EXPIRED: "learner",
  /** A valid token without the scope the endpoint needs (403). */
  OAUTH_INSUFFICIENT_SCOPE: "learner",
  /** The consent page's request: an unknown client, a redirect URI it didn't register, or a bad PKCE/scope. */
  OAUTH_INVALID_REQUEST: "learner",
  OAUTH_UNKNOWN_CLIENT: "learner",

  // ---- Accounts, sign-up and sign-in (server/account, server/auth) -----------------------------------------------
  INVALID_NAME: "learner",
  INVALID_EMAIL: "learner",
  EMAIL_TAKEN: "learner",
  ALREADY_VERIFIED: "learner",
  SIGN_IN_ADDRESS: "learner",
  TOO_MANY: "learner",
  ADDRESS_MISMATCH: "learner",
  WRONG_ACCOUNT: "learner",
  LINK_INVALID: "learner",
  LINK_USED: "learner",
  LINK_EXPIRED: "learner",
  OIDC_DISABLED: "learner",
  OIDC_LINK_REFUSED: "learner",
  // Password recovery and account settings (issue #21 §1-2: server/account/password.ts, settings.ts, delete.ts)
  RESET_LINK_INVALID: "learner",
  RESET_LINK_USED: "learner",
  RESET_LINK_EXPIRED: "learner",
  PASSWORDS_DIFFER: "learner",
  WRONG_PASSWORD: "learner",
  ADDRESS_NOT_VERIFIED: "learner",
  PRIMARY_ADDRESS_TAKEN: "learner",
  FRESH_SIGN_IN_REQUIRED: "learner",

  // Admin and notifications (issue #21 §3-4: server/admin, server/reverify/notify.ts)
  ACCOUNT_DISABLED: "learner",
  UNSUBSCRIBE_LINK_INVALID: "learner",
  TRUSTED_ISSUER_INVALID: "learner",

  // ---- Mail (server/mail) ----------------------------------------------------------------------------------------
  MAIL_CONFIG: "internal",
  MAIL_HEADER_INVALID: "internal",

  // ---- Sharing (server/share) ------------------------------------------------------------------------------------
  /** Thrown inside the share cache so nothing is stored for a missing link; answered as a 404. */
  SHARE_NOT_FOUND: "internal",

  // ---- The embedded database's folder (db/lock.ts), for operators ------------------------------------------------
  DATA_DIR_LOCKED: "internal",
  DATA_DIR_LOCK_UNREADABLE: "internal",

  // ---- The command line (cli/): {"ok":false,"error":{"code","message"}}, for whoever runs it -------------------
  USAGE: "internal",
  UNKNOWN_COMMAND: "internal",
  FILE_NOT_FOUND: "internal",
  FILE_NOT_READABLE: "internal",
  FILE_NOT_TEXT: "internal",
  FILE_TOO_LARGE: "internal",
  INVALID_FILE: "internal",

  // ---- Backups of the embedded database (`sash backup` / `sash restore`, server/admin/backup.ts), for operators -----
  BACKUP_UNSUPPORTED: "internal",
  BACKUP_INVALID: "internal",
  BACKUP_FAILED: "internal",
  RESTORE_NOT_EMPTY: "internal",

  // ---- Configuration (server/config.ts): a bad environment variable stops the start, for operators ---------------
  CONFIG_INVALID: "internal",
} as const satisfies Record<string, "learner" | "internal">;

/** One of Sash's error codes; a code outside ERROR_CODES is a compile error. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes whose errors may be shown to a learner: each has its wording in lib/errors/wording.ts. */
export type LearnerErrorCode = {
  [K in ErrorCode]: (typeof ERROR_CODES)[K] extends "learner" ? K : never;
}[ErrorCode];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(ERROR_CODES, code);
}

export function isLearnerErrorCode(code: unknown): code is LearnerErrorCode {
  return isErrorCode(code) && ERROR_CODES[code] === "learner";
}
