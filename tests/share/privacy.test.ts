// Issue #11 §5: public files never carry the recipient. The baked SVG loses its
// badge elements (any prefix, OB 2.0 and 3.0); the baked file is offered for
// download only when its recipient is hashed or the learner chose to show it.
import { describe, expect, it } from "vitest";
import { bakeSvg, OB2_ASSERTION } from "../support/bake";
import { stripSvgBadgeData } from "@/lib/share/strip-svg";
import { bakedDownloadAllowed } from "@/lib/share/view";
import { unbake } from "@/lib/badges/unbake";

const assertion = { ...OB2_ASSERTION, recipient: { type: "email", hashed: false, identity: "ada@example.org" } };

describe("baked SVG without its badge data", () => {
  it.each([
    [
      "OB 2.0 CDATA",
      bakeSvg(
        `<openbadges:assertion verify="https://x/a"><![CDATA[${JSON.stringify(assertion)}]]></openbadges:assertion>`,
      ),
    ],
    [
      "OB 2.0 other prefix",
      bakeSvg(`<ob:assertion verify="https://x/a">${JSON.stringify(assertion).replace(/</g, "&lt;")}</ob:assertion>`, {
        prefix: "ob",
      }),
    ],
    [
      "OB 3.0",
      bakeSvg(
        `<ob3:credential><![CDATA[{"@context":["https://www.w3.org/ns/credentials/v2"],"credentialSubject":{"identifier":[{"identityHash":"ada@example.org"}]}}]]></ob3:credential>`,
        { prefix: "ob3", namespace: "https://purl.imsglobal.org/ob/v3p0" },
      ),
    ],
    ["self-closing", bakeSvg(`<openbadges:assertion verify="https://x/a/ada@example.org"/>`)],
  ])("%s: the address is gone and nothing unbakes", async (_name, svg) => {
    expect(svg.toString()).toContain("ada@example.org");
    const out = stripSvgBadgeData(svg);
    expect(out).not.toBeNull();
    const text = Buffer.from(out!).toString();
    expect(text).not.toContain("ada@example.org");
    expect(text).toContain('<rect width="10" height="10" fill="red"/>');
    await expect(unbake(out!)).rejects.toMatchObject({ code: "NO_BADGE_DATA" });
  });

  it("refuses (null) rather than leak when badge data survives the stripping", () => {
    expect(stripSvgBadgeData(bakeSvg(`<desc>{"recipient":{"identity":"ada@example.org"}}</desc>`))).toBeNull();
  });
});

describe("Download badge", () => {
  const hashed = { recipient: { kind: "identity", type: "email", identity: "sha256$abcd", hashed: true, salt: "s" } };
  const plain = {
    recipient: { kind: "identity", type: "email", identity: "ada@example.org", hashed: false, salt: null },
  };
  it("offers the issuer's file for a hashed recipient, or a plain one only when the learner opted in", () => {
    expect(bakedDownloadAllowed(hashed, false)).toBe(true);
    expect(bakedDownloadAllowed(plain, false)).toBe(false);
    expect(bakedDownloadAllowed(plain, true)).toBe(true);
    expect(bakedDownloadAllowed(null, false)).toBe(false);
    expect(
      bakedDownloadAllowed(
        {
          recipient: {
            kind: "identifiers",
            subjectId: null,
            identifiers: [{ identityType: "emailAddress", identityHash: "ada@example.org", hashed: false, salt: null }],
          },
        },
        false,
      ),
    ).toBe(false);
  });
});
