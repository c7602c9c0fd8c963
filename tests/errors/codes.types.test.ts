// Type-level checks of the one error hierarchy (issue #19 §4): `tsc --noEmit` fails if any `@ts-expect-error` below
// stops being an error, i.e. if a code outside the closed list, a misspelt code or a learner code without wording
// were ever accepted. The runtime assertions only keep vitest honest about the same lines.
import { describe, expect, it } from "vitest";
import { AppError, LEARNER_WORDING, type ErrorCode, type LearnerErrorCode } from "@/lib/errors";
import { SashError } from "@/lib/badges/errors";
import { ZipImportError } from "@/lib/portfolio/zip";

describe("error codes are a closed union", () => {
  it("refuses an unknown or misspelt code at compile time", () => {
    // @ts-expect-error -- not one of ERROR_CODES
    const unknown = new AppError("NO_SUCH_CODE", "x");
    // @ts-expect-error -- a misspelt code
    const misspelt: ErrorCode = "NOT_FOUDN";
    // @ts-expect-error -- SashError takes only the badge library's codes
    const wrongFamily = new SashError("ZIP_RATIO");
    // @ts-expect-error -- ZipImportError takes only ZIP codes
    const zip = new ZipImportError("NOT_FOUND", "x");
    expect([unknown.code, misspelt, wrongFamily.code, zip.code]).toHaveLength(4);
  });

  it("a wording map must word every learner code, and only codes", () => {
    // @ts-expect-error -- a learner code without wording (every other one is missing too)
    const missing: Record<LearnerErrorCode, string> = { NOT_FOUND: "Not found." };
    const extra: Record<LearnerErrorCode, string> = {
      ...LEARNER_WORDING,
      // @ts-expect-error -- a key that is no code
      NOT_A_CODE: "x",
    };
    // @ts-expect-error -- an internal code has no learner wording
    const internal = LEARNER_WORDING.MAIL_CONFIG;
    expect([missing, extra, internal]).toHaveLength(3);
  });
});
