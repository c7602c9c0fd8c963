// Issue #11 §3: the summary line and the three plain statements, and the
// learner-level result they rest on.
import { describe, expect, it } from "vitest";
import { presentTrust } from "@/lib/trust/present";
import { learnerResult } from "@/lib/trust/result";
import { recipientHint, recipientIsHashed } from "@/lib/trust/recipient";
import type { CheckId, CheckStatus, VerificationReport } from "@/lib/badges/verify/types";

const NOW = new Date("2026-11-27T12:00:00Z");
function report(
  result: VerificationReport["result"],
  statuses: Partial<Record<CheckId, CheckStatus>>,
  messages: Partial<Record<CheckId, string>> = {},
): VerificationReport {
  const ids: CheckId[] = ["signature", "hosted", "recipient", "expiry", "revocation", "issuer"];
  return {
    result,
    checkedAt: "2026-11-26T08:00:00Z",
    checks: ids.map((id) => ({ id, status: statuses[id] ?? "skip", message: messages[id] ?? `${id} message` })),
  };
}
const allGood = { signature: "pass", issuer: "pass", recipient: "pass", expiry: "pass", revocation: "pass" } as const;

describe("learner-level result", () => {
  it("is valid only with the recipient confirmed, and a recipient mismatch alone is not invalid", () => {
    expect(learnerResult(report("valid", allGood))).toBe("valid");
    expect(learnerResult(report("valid", { ...allGood, recipient: "warn" }))).toBe("indeterminate");
    expect(learnerResult(report("invalid", { ...allGood, recipient: "fail" }))).toBe("indeterminate");
    expect(learnerResult(report("invalid", { ...allGood, signature: "fail" }))).toBe("invalid");
    expect(learnerResult(report("indeterminate", { ...allGood, issuer: "warn" }))).toBe("indeterminate");
  });
});

describe("presentTrust", () => {
  it("starts with Verified exactly when valid, and confirms issuer, recipient and status in words", () => {
    const v = presentTrust(
      {
        ...report("valid", allGood),
        issuer: {
          id: "https://www.sash.example/issuer",
          knownIssuer: null,
          tier: "domain",
          domain: "sash.example",
          claimedName: "Sash University",
        },
      },
      { issuerName: "Sash University", issuedOn: new Date("2025-01-02Z") },
      NOW,
    );
    expect(v.summary).toBe(
      "Verified — the issuer's website (sash.example), the contents and the learner are all confirmed.",
    );
    expect(v.tone).toBe("ok");
    expect(v.statements.map((s) => [s.id, s.tone])).toEqual([
      ["issuer", "ok"],
      ["recipient", "ok"],
      ["status", "ok"],
    ]);
    // Issue #20: the domain tier names the website beside the name.
    expect(v.statements[0]!.text).toBe("Confirmed: issued by Sash University, through sash.example.");
    expect(v.statements[1]!.text).toContain("verified");
    expect(v.statements[2]!.text).toBe("Issued 2 January 2025, no expiry date; not revoked as of 26 November 2026.");
  });

  it("says Not verified, neutrally, when the learner isn't confirmed — never naming the address", () => {
    const v = presentTrust(
      report("valid", { ...allGood, recipient: "warn" }, { recipient: "issued to ada@example.org" }),
      {},
      NOW,
    );
    expect(v.summary).toBe("Not verified — Sash could not confirm it was issued to this learner.");
    expect(v.tone).toBe("neutral");
    expect(JSON.stringify(v)).not.toContain("ada@example.org");
    const mismatch = presentTrust(report("invalid", { ...allGood, recipient: "fail" }), {}, NOW);
    expect(mismatch.summary).toMatch(/^Not verified — /);
    expect(mismatch.tone).toBe("neutral");
    expect(mismatch.statements.find((s) => s.id === "recipient")!.tone).toBe("neutral");
  });

  it("is red (Failed) only for what is proven wrong: tampered, revoked, expired, wrong issuer key", () => {
    for (const id of ["signature", "revocation", "expiry", "issuer"] as const) {
      const v = presentTrust(
        report("invalid", { ...allGood, [id]: "fail" }, { [id]: `the ${id} is wrong` }),
        { expires: null },
        NOW,
      );
      expect(v.summary, id).toBe(`Not verified — Failed: the ${id} is wrong.`);
      expect(v.tone, id).toBe("failed");
    }
    const revoked = presentTrust(report("invalid", { ...allGood, revocation: "fail" }), {}, NOW);
    expect(revoked.statements.find((s) => s.id === "status")).toMatchObject({ tone: "failed" });
    expect(revoked.statements.find((s) => s.id === "status")!.text).toContain("revoked");
    const unknownIssuer = presentTrust(
      report("indeterminate", { ...allGood, issuer: "warn" }),
      { issuerName: "X" },
      NOW,
    );
    expect(unknownIssuer.tone).toBe("neutral");
    expect(unknownIssuer.statements[0]!.text).toBe("Not confirmed: Sash could not tie this credential to X.");
  });

  it("stops saying Verified once the expiry date has passed, before the next re-check", () => {
    const v = presentTrust(report("valid", allGood), { expires: new Date("2026-01-01Z") }, NOW);
    expect(v.verified).toBe(false);
    expect(v.summary).toBe("Not verified — Failed: it expired on 1 January 2026.");
  });

  it("names a known issuer from the registry note, and handles a missing report", () => {
    const known = {
      registry: "DCC Sandbox Registry",
      name: "Uni",
      url: null,
      location: null,
      registries: ["DCC Sandbox Registry"],
    };
    const v = presentTrust(
      {
        ...report("valid", allGood, { issuer: "Known issuer · DCC Sandbox Registry" }),
        issuer: { id: "did:key:z6Mk1", knownIssuer: known, tier: "registry", domain: null, claimedName: "Uni" },
      },
      { issuerName: "Uni" },
      NOW,
    );
    expect(v.statements[0]!.text).toBe("Confirmed: issued by Uni, a known issuer (DCC Sandbox Registry).");
    expect(v.summary).toBe(
      "Verified — the issuer (a known issuer, DCC Sandbox Registry), the contents and the learner are all confirmed.",
    );
    // A report stored before issue #20 (no tier): a listed did:key still reads as the registry's issuer…
    const stored = presentTrust(
      {
        ...report("valid", allGood, { issuer: "Known issuer · DCC Sandbox Registry" }),
        issuer: { id: "did:key:z6Mk1", knownIssuer: known },
      },
      { issuerName: "Uni" },
      NOW,
    );
    expect(stored.verified).toBe(true);
    // …and an unlisted did:key, stored as "valid" with its issuer check passed, is key only: never Verified.
    const keyOnly = presentTrust(
      { ...report("valid", allGood), issuer: { id: "did:key:z6Mk2", knownIssuer: null } },
      { issuerName: "Massachusetts Institute of Technology" },
      NOW,
    );
    expect(keyOnly.verified).toBe(false);
    expect(keyOnly.summary).toBe(
      "Not verified — nothing vouches for who issued it: its issuer's name is only its own claim.",
    );
    expect(keyOnly.statements[0]).toMatchObject({ tone: "neutral" });
    expect(keyOnly.statements[0]!.text).not.toMatch(/confirmed: issued|verified/i);
    expect(presentTrust(null).summary).toMatch(/^Not verified — /);
    expect(presentTrust({ result: "valid", checks: "nope" }).verified).toBe(false);
  });
});

describe("recipient hints", () => {
  it("tells plain from hashed email identities", () => {
    expect(
      recipientHint({ kind: "identity", type: "email", identity: "mailto:ada@example.org", hashed: false, salt: null }),
    ).toEqual({ kind: "plain-email", email: "ada@example.org" });
    const hashed = { kind: "identity" as const, type: "email", identity: "sha256$abc", hashed: true, salt: "x" };
    expect(recipientHint(hashed)).toEqual({ kind: "hashed-email" });
    expect(recipientIsHashed(hashed)).toBe(true);
    expect(
      recipientIsHashed({
        kind: "identifiers",
        subjectId: "mailto:a@b.org",
        identifiers: [{ identityType: "emailAddress", identityHash: "sha256$1", hashed: true, salt: null }],
      }),
    ).toBe(false);
    expect(recipientIsHashed(null)).toBe(false);
    expect(
      recipientHint({ kind: "identity", type: "telephone", identity: "+1555", hashed: false, salt: null }),
    ).toEqual({ kind: "other" });
  });
});

describe("schema check (issue #13)", () => {
  const withSchema = (result: VerificationReport["result"], schema: CheckStatus): VerificationReport => {
    const r = report(result, allGood);
    return { ...r, checks: [...r.checks, { id: "schema", status: schema, message: "schema message" }] };
  };

  it("a credential that breaks its own schema is Not verified, neutrally (malformed, not proven forged)", () => {
    const v = presentTrust(withSchema("indeterminate", "fail"), {}, NOW);
    expect(v.verified).toBe(false);
    expect(v.summary).toBe(
      "Not verified — its contents don't have the structure its own schema requires, so Sash can't rely on them.",
    );
    expect(v.tone).toBe("neutral");
    expect(learnerResult(withSchema("indeterminate", "fail"))).toBe("indeterminate");
  });

  it("a schema Sash couldn't check (warn) doesn't stop Verified", () => {
    expect(presentTrust(withSchema("valid", "warn"), {}, NOW).summary).toMatch(/^Verified — /);
    expect(presentTrust(withSchema("valid", "pass"), {}, NOW).summary).toMatch(/^Verified — /);
  });
});
