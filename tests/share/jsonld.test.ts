import { describe, expect, it } from "vitest";
import { jsonLdScriptText, publicCredentialDocument } from "@/lib/share/jsonld";

describe("jsonLdScriptText", () => {
  it("escapes every character that could end the script element or open a comment", () => {
    const doc = { name: "</script><script>alert(1)</script>", note: "<!-- -->", amp: "a&b", sep: "\u2028\u2029" };
    const text = jsonLdScriptText(doc);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(doc);
  });
});

describe("publicCredentialDocument", () => {
  it("removes the OB 2.0 recipient and keeps the rest", () => {
    const doc = {
      "@context": "https://w3id.org/openbadges/v2",
      type: "Assertion",
      recipient: { identity: "sha256$abc" },
      badge: "https://x/b",
    };
    expect(publicCredentialDocument(doc)).toEqual({
      "@context": "https://w3id.org/openbadges/v2",
      type: "Assertion",
      badge: "https://x/b",
    });
  });

  it("removes OB 3.0 subject identifiers", () => {
    const doc = {
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      credentialSubject: {
        id: "did:example:learner",
        type: ["AchievementSubject"],
        identifier: [{ identityType: "emailAddress", identityHash: "sha256$abc" }],
        achievement: { name: "A" },
      },
    };
    expect(publicCredentialDocument(doc)).toEqual({
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      credentialSubject: { type: ["AchievementSubject"], achievement: { name: "A" } },
    });
  });
});
