// The individual checks and how they combine into the overall result.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { manualEntryReport, overallResult, type VerificationCheck } from "@/lib/badges/verify";
import { checkRecipient } from "@/lib/badges/verify/recipient";
import { checkExpiry } from "@/lib/badges/verify/expiry";
import { emailRecipient } from "../../support/verify";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const md5 = (s: string) => createHash("md5").update(s).digest("hex");

describe("recipient", () => {
  it("matches plain, salted sha256 and md5 identities, and fails someone else's", () => {
    expect(checkRecipient(emailRecipient("ada@example.org"), ["ADA@example.org"]).status).toBe("pass");
    expect(
      checkRecipient(emailRecipient("sha256$" + sha256("ada@example.org" + "salt"), true, "salt"), ["ada@example.org"])
        .status,
    ).toBe("pass");
    expect(
      checkRecipient(emailRecipient("md5$" + md5("ada@example.org"), true, null), ["x@y.org", "ada@example.org"])
        .status,
    ).toBe("pass");
    expect(
      checkRecipient(emailRecipient("sha256$" + sha256("ada@example.org" + "salt"), true, "pepper"), [
        "ada@example.org",
      ]).status,
    ).toBe("fail");
    expect(checkRecipient(emailRecipient("bob@example.org"), ["ada@example.org"]).status).toBe("fail");
  });

  it("OB 3.0 identifier objects", () => {
    const recipient = {
      kind: "identifiers" as const,
      subjectId: "did:example:123",
      identifiers: [
        { identityType: "emailAddress", identityHash: "sha256$" + sha256("ada@example.org"), hashed: true, salt: null },
      ],
    };
    expect(checkRecipient(recipient, ["ada@example.org"]).status).toBe("pass");
    expect(checkRecipient(recipient, ["eve@example.org"]).status).toBe("fail");
  });

  it("warns when there is nothing to compare", () => {
    expect(checkRecipient(emailRecipient("ada@example.org"), []).status).toBe("warn");
    expect(checkRecipient(null, ["ada@example.org"]).status).toBe("warn");
    const byId = {
      kind: "identity" as const,
      type: "id",
      identity: "https://example.org/users/1",
      hashed: false,
      salt: null,
    };
    expect(checkRecipient(byId, ["ada@example.org"]).status).toBe("warn");
  });
});

describe("expiry", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  it("fails expired and not-yet-valid credentials and passes current ones", () => {
    expect(checkExpiry({ from: ["2020-01-01"], until: ["2026-05-31T23:00:00Z"] }, now).status).toBe("fail");
    expect(checkExpiry({ from: ["2026-06-02T00:00:00+02:00"], until: [] }, now).status).toBe("fail");
    expect(checkExpiry({ from: ["2021-09-21T12:28:35.713036+00:00"], until: ["9999-01-02"] }, now).status).toBe("pass");
    expect(checkExpiry({ from: [1262304000], until: [] }, now).status).toBe("pass"); // JWT nbf / OB 1.0 unix time
    expect(checkExpiry({ from: ["not a date"], until: [] }, now).status).toBe("warn");
  });
});

describe("overall result", () => {
  const c = (id: VerificationCheck["id"], status: VerificationCheck["status"]): VerificationCheck => ({
    id,
    status,
    message: "",
  });
  it("invalid if anything fails; valid only when signature or hosted passed AND the issuer check passed; else indeterminate", () => {
    expect(overallResult([c("signature", "pass"), c("expiry", "fail")])).toBe("invalid");
    expect(overallResult([c("signature", "pass"), c("recipient", "warn"), c("issuer", "pass")])).toBe("valid");
    expect(overallResult([c("hosted", "pass"), c("signature", "skip"), c("issuer", "pass")])).toBe("valid");
    expect(overallResult([c("signature", "warn"), c("expiry", "pass"), c("issuer", "pass")])).toBe("indeterminate");
    // Issue #11: a confirmed signature whose key isn't tied to the issuer is never valid.
    expect(overallResult([c("signature", "pass"), c("issuer", "warn")])).toBe("indeterminate");
    expect(overallResult([c("hosted", "pass"), c("issuer", "skip")])).toBe("indeterminate");
    expect(overallResult([c("signature", "pass"), c("issuer", "fail")])).toBe("invalid");
    // Issue #13: a schema failure keeps it from being valid, but proves nothing forged.
    expect(overallResult([c("signature", "pass"), c("issuer", "pass"), c("schema", "fail")])).toBe("indeterminate");
    expect(overallResult([c("signature", "fail"), c("issuer", "pass"), c("schema", "fail")])).toBe("invalid");
    expect(overallResult([c("signature", "pass"), c("issuer", "pass"), c("schema", "warn")])).toBe("valid");
  });

  it("a manual entry is indeterminate and says so plainly", () => {
    const r = manualEntryReport(new Date("2026-01-01T00:00:00Z"));
    expect(r.result).toBe("indeterminate");
    expect(r.checks.map((x) => x.id)).toEqual([
      "signature",
      "hosted",
      "recipient",
      "expiry",
      "revocation",
      "issuer",
      "schema",
    ]);
    expect(r.checks.every((x) => x.status === "skip" && /entered this credential by hand/.test(x.message))).toBe(true);
    expect(r.checkedAt).toBe("2026-01-01T00:00:00.000Z");
  });
});

describe("malformed input", () => {
  it("never throws: garbage payloads give a report that is not valid", async () => {
    const { verifyCredential } = await import("@/lib/badges/verify");
    const { record } = await import("../../support/verify");
    for (const [spec, enc, raw] of [
      ["ob3", "vc-jwt", "not.a.jwt"],
      ["ob2", "jws", "x.y.z"],
      ["ob3", "json", '{"proof": 5}'],
    ] as const) {
      const rec = {
        ...record("ob3", "json", "{}"),
        spec,
        source: { container: null, encoding: enc, keyword: null },
        raw,
      };
      const r = await verifyCredential(rec as Parameters<typeof verifyCredential>[0]);
      expect(r.result).not.toBe("valid");
      expect(r.checks).toHaveLength(7);
    }
  });
});
