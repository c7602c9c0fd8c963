// Issue #19 item 2: one verified status. Every surface — the wallet card, the
// credential page, the share and record pages, Verified fit — says what
// verifiedStatus says at the time it reads, so a badge whose expiry date passed
// after its last check is no longer Verified anywhere (it was still "Verified" on
// its card and counted toward Verified fit until the next re-check).
import { describe, expect, it } from "vitest";
import { PROVEN_WRONG, verifiedStatus } from "@/lib/trust/status";
import { presentTrust, statusWords } from "@/lib/trust/present";
import { learnerResult } from "@/lib/trust/result";
import { evidenceStatus, learnerSkillSets } from "@/lib/fit/evidence";
import { buildPortfolioView } from "@/lib/portfolio/view";
import type { PortfolioRows } from "@/lib/portfolio/types";
import type { CheckId, CheckStatus, VerificationReport } from "@/lib/badges/verify/types";

const CHECKED = "2026-03-01T09:00:00Z";
const EXPIRES = new Date("2026-06-01T00:00:00Z");
const BEFORE = new Date("2026-05-31T12:00:00Z");
const AFTER = new Date("2026-06-02T12:00:00Z");

function report(
  result: VerificationReport["result"],
  statuses: Partial<Record<CheckId, CheckStatus>>,
  messages: Partial<Record<CheckId, string>> = {},
): VerificationReport {
  const ids: CheckId[] = ["signature", "hosted", "recipient", "expiry", "revocation", "issuer", "schema"];
  return {
    result,
    checkedAt: CHECKED,
    checks: ids.map((id) => ({ id, status: statuses[id] ?? "skip", message: messages[id] ?? `${id} message` })),
  };
}
const allGood = { signature: "pass", issuer: "pass", recipient: "pass", expiry: "pass", revocation: "pass" } as const;
/** A valid badge, checked before its expiry date (the expiry check passed then). */
const validThen = report("valid", allGood, { expiry: "Valid until 1 June 2026." });

describe("verifiedStatus", () => {
  it("is verified for a valid report that still holds, with the time of its check", () => {
    const s = verifiedStatus({ report: validThen }, { expires: EXPIRES }, BEFORE);
    expect(s).toMatchObject({ state: "verified", verified: true, reason: "CONFIRMED", failedCheck: null });
    expect(s.checkedAt?.toISOString()).toBe("2026-03-01T09:00:00.000Z");
  });

  it("is failed (EXPIRED) once the expiry date has passed, though the last check said valid", () => {
    const s = verifiedStatus({ report: validThen, result: "valid" }, { expires: EXPIRES }, AFTER);
    expect(s).toMatchObject({ state: "failed", verified: false, reason: "EXPIRED", failedCheck: null });
    expect(s.expiredOn).toEqual(EXPIRES);
    // The stored result alone (no report) is read the same way.
    expect(verifiedStatus({ result: "valid" }, { expires: EXPIRES }, AFTER)).toMatchObject({
      state: "failed",
      reason: "EXPIRED",
    });
    expect(verifiedStatus({ result: "valid" }, { expires: EXPIRES }, BEFORE).verified).toBe(true);
  });

  it("is failed with the check's own code and message for each proven-wrong check", () => {
    const codes = { signature: "SIGNATURE_FAILED", hosted: "HOSTED_COPY_FAILED", issuer: "ISSUER_FAILED" } as const;
    const all = { ...codes, revocation: "REVOKED", expiry: "EXPIRED" } as const;
    for (const id of PROVEN_WRONG) {
      const r = report("invalid", { ...allGood, [id]: "fail" }, { [id]: `the ${id} is wrong` });
      const s = verifiedStatus({ report: r }, {}, BEFORE);
      expect(s, id).toMatchObject({
        state: "failed",
        reason: all[id],
        failedCheck: { id, message: `the ${id} is wrong` },
      });
      // The one list is the one learnerResult reads too.
      expect(learnerResult(r), id).toBe("invalid");
    }
  });

  it("is not verified (neutral) for what is merely not confirmed, with a reason code", () => {
    const at = (r: VerificationReport) => verifiedStatus({ report: r }, {}, BEFORE);
    expect(at(report("invalid", { ...allGood, recipient: "fail" }))).toMatchObject({
      state: "not-verified",
      reason: "RECIPIENT_NOT_CONFIRMED",
    });
    expect(at(report("invalid", { ...allGood, schema: "fail" })).reason).toBe("SCHEMA_INVALID");
    expect(at(report("indeterminate", { ...allGood, signature: "skip" })).reason).toBe("CONTENT_NOT_CONFIRMED");
    expect(at(report("indeterminate", { ...allGood, issuer: "warn" })).reason).toBe("ISSUER_NOT_CONFIRMED");
    expect(verifiedStatus({}, {}, BEFORE)).toMatchObject({ state: "not-verified", reason: "NOT_CHECKED" });
    expect(verifiedStatus({ report: "junk" }, {}, BEFORE).reason).toBe("NOT_CHECKED");
    expect(verifiedStatus({ result: "indeterminate" }, {}, BEFORE).reason).toBe("INCOMPLETE");
    expect(verifiedStatus({ result: "invalid" }, {}, BEFORE)).toMatchObject({ state: "failed", reason: "INVALID" });
  });

  it("prefers the stored report to the stored result column", () => {
    const s = verifiedStatus(
      { report: report("valid", { ...allGood, recipient: "warn" }), result: "valid" },
      {},
      BEFORE,
    );
    expect(s.state).toBe("not-verified");
  });
});

describe("a badge that expired after its last check, on every surface", () => {
  it("card: 'Failed: it expired on …' instead of 'Verified'", () => {
    expect(statusWords(verifiedStatus({ report: validThen }, { expires: EXPIRES }, BEFORE))).toEqual({
      words: "Verified",
      tone: "ok",
    });
    expect(statusWords(verifiedStatus({ report: validThen }, { expires: EXPIRES }, AFTER))).toEqual({
      words: "Failed: it expired on 1 June 2026.",
      tone: "failed",
    });
    // A check that proved it wrong is named in its own words, as the card always did.
    const revoked = report("invalid", { ...allGood, revocation: "fail" }, { revocation: "Revoked by the issuer." });
    expect(statusWords(verifiedStatus({ report: revoked }, {}, BEFORE)).words).toBe("Failed: Revoked by the issuer.");
    expect(statusWords(verifiedStatus({}, {}, BEFORE)).words).toBe("Not verified");
  });

  it("credential and share page: 'Not verified — Failed: it expired on …', red, with the same status", () => {
    const v = presentTrust(validThen, { expires: EXPIRES }, AFTER);
    expect(v.summary).toBe("Not verified — Failed: it expired on 1 June 2026.");
    expect(v.tone).toBe("failed");
    expect(v.status).toEqual(verifiedStatus({ report: validThen }, { expires: EXPIRES }, AFTER));
    expect(presentTrust(validThen, { expires: EXPIRES }, BEFORE).summary).toBe(
      "Verified — the issuer, the contents and the learner are all confirmed.",
    );
  });

  it("Verified fit: its skills no longer count", () => {
    const cred = { origin: "upload", verificationResult: "valid", verification: validThen, expires: EXPIRES };
    expect(evidenceStatus(cred, BEFORE)).toBe("verified");
    expect(evidenceStatus(cred, AFTER)).toBe("self-asserted");
    expect(evidenceStatus({ ...cred, origin: "manual" }, BEFORE)).toBe("manual");
    const sets = (now: Date) =>
      learnerSkillSets([{ id: "c1", title: "SQL badge", status: evidenceStatus(cred, now), skillKeys: ["sql"] }]);
    expect(sets(BEFORE)).toEqual({ all: ["sql"], verified: ["sql"] });
    expect(sets(AFTER)).toEqual({ all: ["sql"], verified: [] });
  });

  it("record page: 'Failed', and not counted among the verified", () => {
    const rows = {
      learnerName: "Ada",
      credentials: [
        {
          id: "c1",
          title: "SQL badge",
          spec: "ob3",
          issuerName: "Uni",
          issuerUrl: null,
          issuedOn: new Date("2026-01-01Z"),
          expires: EXPIRES,
          verification: validThen,
          achievementType: null,
          results: null,
          learnerRecordId: null,
          learnerRecordIndex: null,
          createdAt: new Date("2026-01-02Z"),
        },
      ],
      learnerRecords: [],
      skills: [{ credentialId: "c1", name: "SQL", skillKey: "sql" }],
    } satisfies PortfolioRows;
    const before = buildPortfolioView(rows, BEFORE);
    expect([before.groups[0]!.items[0]!.status, before.totals.verified]).toEqual(["Verified", 1]);
    const after = buildPortfolioView(rows, AFTER);
    expect([after.groups[0]!.items[0]!.status, after.totals.verified]).toEqual(["Failed", 0]);
  });
});
