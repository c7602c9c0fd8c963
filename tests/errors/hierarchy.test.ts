// One error hierarchy (issue #19 §4): every error Sash raises is an AppError with a code from the one closed list
// and an expose flag; every code that may reach a learner has its wording, written once.
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import {
  AppError,
  ERROR_CODES,
  LEARNER_WORDING,
  isErrorCode,
  isExposed,
  isLearnerErrorCode,
  type ErrorCode,
} from "@/lib/errors";
import { DEFAULT_MESSAGES, SASH_ERROR_CODES, SashError } from "@/lib/badges/errors";
import { importProblem } from "@/lib/wallet/messages";
import { FetchError } from "@/lib/net/errors";
import { CrawlError } from "@/lib/jobs/crawl";
import { ImageTooLargeError } from "@/lib/share/image";
import { UnknownContextError, staticDocumentLoader } from "@/lib/badges/verify/document-loader";
import { ZipImportError } from "@/lib/portfolio/zip";
import { DatabaseUnavailableError } from "@/db/client";
import { DataDirLockedError, DataDirLockUnreadableError } from "@/db/lock";
import { DuplicateCredentialError, QuotaExceededError, StagedFileMissingError } from "@/db/queries/credentials";
import { UploadStagingError } from "@/db/queries/uploads";
import { WalletError } from "@/server/wallet/errors";
import { RestoreError } from "@/server/portfolio/restore";
import { RestoreBusyError } from "@/server/portfolio/restore-limit";
import { AccountError } from "@/server/account/addresses";
import { EmailTakenError, OidcLinkRefusedError } from "@/server/auth/accounts";
import { MailConfigError } from "@/server/mail/send";
import { ConfigError } from "@/server/config";
import { codeOf } from "../support/errors";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the closed list of codes and their wording", () => {
  it("every learner code has its wording, and the wording map holds nothing else", () => {
    const learner = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((c) => ERROR_CODES[c] === "learner");
    expect(learner.length).toBeGreaterThan(40);
    for (const code of learner) {
      expect(LEARNER_WORDING[code as keyof typeof LEARNER_WORDING], code).toMatch(/^\S.{8,}[.!?a-z]$/s);
    }
    expect(Object.keys(LEARNER_WORDING).sort()).toEqual([...learner].sort());
    for (const code of Object.keys(ERROR_CODES)) expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  });

  it("each badge error code is worded once: the SashError, DEFAULT_MESSAGES and the add-credential flow agree", () => {
    for (const code of SASH_ERROR_CODES) {
      const words = LEARNER_WORDING[code];
      expect(new SashError(code).message).toBe(words);
      expect(DEFAULT_MESSAGES[code]).toBe(words);
      const problem = importProblem(code);
      expect(problem.message).toBe(words);
      // The heading frames the wording; it is not a second copy of it.
      expect(problem.heading).not.toBe(words);
    }
    // Unknown codes still get the generic framing.
    expect(importProblem("NO_SUCH_CODE").heading).toBe("Something went wrong");
  });

  it("an AppError's message defaults to its code's wording", () => {
    expect(new AppError("EMAIL_TAKEN", undefined, { expose: true }).message).toBe(LEARNER_WORDING.EMAIL_TAKEN);
    expect(new AppError("MAIL_CONFIG").message).toBe("MAIL_CONFIG");
    expect(isErrorCode("NOT_FOUND")).toBe(true);
    expect(isErrorCode("NOT_A_CODE")).toBe(false);
    expect(isLearnerErrorCode("FETCH_BLOCKED")).toBe(true);
    expect(isLearnerErrorCode("MAIL_CONFIG")).toBe(false);
  });

  it("an error claiming exposure with a code outside the list is not shown", () => {
    const e = Object.assign(new Error("made up"), { code: "MADE_UP", expose: true });
    expect(isExposed(e)).toBe(false);
  });
});

describe("every former error class is an AppError with its code", () => {
  const holder = { pid: 1, host: "h", command: "c", since: "s" };
  const cases: [string, () => unknown, ErrorCode, boolean][] = [
    ["FetchError", () => new FetchError("FETCH_BLOCKED", "https://x.test/", "blocked"), "FETCH_BLOCKED", false],
    ["CrawlError", () => new CrawlError("SITEMAP_INVALID", "bad"), "SITEMAP_INVALID", false],
    ["ImageTooLargeError", () => new ImageTooLargeError("too big", 1, 2), "IMAGE_TOO_LARGE", true],
    ["UnknownContextError", () => new UnknownContextError("https://x.test/ctx"), "UNKNOWN_CONTEXT", false],
    ["ZipImportError", () => new ZipImportError("ZIP_RATIO", "ratio"), "ZIP_RATIO", true],
    ["SashError", () => new SashError("NO_BADGE_DATA"), "NO_BADGE_DATA", true],
    ["DatabaseUnavailableError", () => new DatabaseUnavailableError("down"), "DATABASE_UNAVAILABLE", false],
    ["DataDirLockedError", () => new DataDirLockedError("/d", holder), "DATA_DIR_LOCKED", false],
    ["DataDirLockUnreadableError", () => new DataDirLockUnreadableError("/d/lock"), "DATA_DIR_LOCK_UNREADABLE", false],
    ["QuotaExceededError", () => new QuotaExceededError("credentials", 1, 1, 1), "QUOTA_EXCEEDED", false],
    ["StagedFileMissingError", () => new StagedFileMissingError(), "NOT_FOUND", true],
    [
      "DuplicateCredentialError",
      () => new DuplicateCredentialError({ id: "x", title: "First Aid" } as never),
      "DUPLICATE_CREDENTIAL",
      true,
    ],
    ["UploadStagingError", () => new UploadStagingError(new Error("boom")), "UPLOAD_STAGING_FAILED", false],
    ["WalletError", () => new WalletError("INVALID_INPUT", "Give the credential a title."), "INVALID_INPUT", true],
    ["RestoreError", () => new RestoreError("ZIP_CHECKSUM", "checksum"), "ZIP_CHECKSUM", true],
    ["RestoreBusyError", () => new RestoreBusyError("server"), "RESTORE_BUSY", true],
    ["AccountError", () => new AccountError("TOO_MANY", "Remove one first."), "TOO_MANY", true],
    ["EmailTakenError", () => new EmailTakenError(), "EMAIL_TAKEN", true],
    ["OidcLinkRefusedError", () => new OidcLinkRefusedError(), "OIDC_LINK_REFUSED", true],
    ["MailConfigError", () => new MailConfigError("no SMTP_URL"), "MAIL_CONFIG", false],
    ["ConfigError", () => new ConfigError(['PORT="x" must be a port']), "CONFIG_INVALID", false],
  ];

  it.each(cases)("%s", (name, make, code, expose) => {
    const e = make() as AppError;
    expect(e).toBeInstanceOf(AppError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe(name);
    expect(e.code).toBe(code);
    expect(e.expose).toBe(expose);
    expect(isExposed(e)).toBe(expose);
    // Only codes that may reach a learner are ever exposed.
    if (expose) expect(isLearnerErrorCode(e.code)).toBe(true);
  });

  it("the document loader's refusal is the coded AppError", async () => {
    await expect(codeOf(staticDocumentLoader()("https://unknown.test/context"))).resolves.toBe("UNKNOWN_CONTEXT");
  });
});

describe("no plain Error classes", () => {
  // Also a lint rule (eslint.config.mjs no-restricted-syntax); this keeps `npm test` honest on its own.
  function* sources(dir: string): Generator<string> {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "contexts") yield* sources(p);
      } else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(entry.name)) yield p;
    }
  }

  it("only lib/errors.ts extends Error; every other error class extends AppError", () => {
    const offenders: string[] = [];
    for (const dir of ["app", "server", "lib", "db", "cli", "scripts", "data"]) {
      const abs = path.join(ROOT, dir);
      if (!fs.existsSync(abs)) continue;
      for (const file of sources(abs)) {
        const rel = path.relative(ROOT, file);
        if (rel === path.join("lib", "errors.ts")) continue;
        const text = fs.readFileSync(file, "utf8");
        for (const m of text.matchAll(/\bclass\b[^{;]*?\bextends\s+(Error|TypeError|RangeError)\b/g))
          offenders.push(`${rel}: ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
