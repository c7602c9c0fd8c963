// One set of words (issue #20 §5): the credential page and the public share page show
// every check with the same label, status word and recipient sentence, from
// lib/trust/words.ts. Before, the credential page said "Issuer's copy", "Dates",
// "Structure (schema)" and the share page "Hosted assertion", "Expiry", "Schema"; a
// recipient that didn't match read "Not confirmed" on one and "Warning" on the other.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { CHECK_ORDER } from "@/lib/badges/verify/types";
import { VerificationChecks } from "@/app/wallet/components/VerificationStatus";
import { buildShareView, verificationView } from "@/lib/share/view";
import { renderSharePage } from "@/lib/share/render";
import { renderPortfolioPage } from "@/lib/portfolio/render";
import { buildPortfolioView } from "@/lib/portfolio/view";
import type { SharedCredentialRow } from "@/lib/share/types";
import { renderVerifyPage } from "@/server/verify/page";
import {
  CHECK_LABELS,
  checkLabel,
  checkLine,
  checkLines,
  presentationSummary,
  recipientLine,
  RECIPIENT_SENTENCES,
} from "@/lib/trust/words";

const REPORT: VerificationReport = {
  result: "invalid",
  checkedAt: "2026-05-01T10:00:00Z",
  checks: [
    { id: "signature", status: "pass", message: "The signature is valid." },
    { id: "hosted", status: "skip", message: "Not a hosted badge." },
    {
      id: "recipient",
      status: "fail",
      message: "The credential was issued to an email address that isn't one of yours.",
    },
    { id: "expiry", status: "pass", message: "The credential has no expiry date and is already in effect." },
    { id: "revocation", status: "warn", message: "The status list could not be read." },
    { id: "issuer", status: "pass", message: "Issued by the key's owner." },
    { id: "schema", status: "fail", message: "It doesn't follow its schema: /credentialSubject/achievement/name." },
  ],
};

/** "Label: Status word — message" for each check, from the credential page's markup. */
function credentialPageLines(report: VerificationReport): string[] {
  const markup = renderToStaticMarkup(createElement(VerificationChecks, { report }));
  return [...markup.matchAll(/<li[^>]*><p[^>]*>(.*?)<\/p><p[^>]*>(.*?)<\/p><\/li>/g)].map((m) =>
    `${m[1]!.replace(/<[^>]+>/g, "").replace(/<!-- -->/g, "")} — ${m[2]}`.replace(/&#x27;/g, "'"),
  );
}

describe("lib/trust/words.ts: the check words, once", () => {
  it("labels every check the verifier reports, picking the clearer word of each old pair", () => {
    for (const id of CHECK_ORDER) expect(CHECK_LABELS[id], id).toBeTruthy();
    expect(checkLabel("hosted")).toBe("Issuer's copy");
    expect(checkLabel("expiry")).toBe("Dates");
    expect(checkLabel("schema")).toBe("Structure (schema)");
    // A check nobody labelled yet is shown by its id, never dropped.
    expect(checkLabel("newCheck")).toBe("newCheck");
  });

  it("a recipient that doesn't match is 'Not confirmed' (neutral) with the audience's sentence, never the message", () => {
    const learner = checkLine(REPORT.checks[2]!, "learner");
    expect(learner).toMatchObject({ label: "Recipient", status: "warn", statusWord: "Not confirmed" });
    expect(learner.message).toBe(RECIPIENT_SENTENCES.learner.fail);
    expect(checkLine(REPORT.checks[2]!, "verifier").message).toBe(RECIPIENT_SENTENCES.verifier.fail);
    expect(checkLine({ id: "signature", status: "bogus" }, "learner").statusWord).toBe("Not checked");
  });

  it("the credential page and the share page show the same label, status word and sentence for every check", () => {
    const share = verificationView(
      REPORT,
      { issuerName: "Western University", issuedOn: null, expires: null },
      new Date("2026-06-01T00:00:00Z"),
    )!;
    const shareLines = share.checks.map((c) => `${c.label}: ${c.statusWord} — ${c.message}`);
    expect(credentialPageLines(REPORT)).toEqual(shareLines);
    expect(shareLines.map((l) => l.split(" — ")[0])).toEqual([
      "Signature: Passed",
      "Issuer's copy: Not checked",
      "Recipient: Not confirmed",
      "Dates: Passed",
      "Revocation: Warning",
      "Issuer: Passed",
      "Structure (schema): Failed",
    ]);
    expect(checkLines(REPORT.checks, "learner")).toEqual(share.checks);
  });

  it("the public verifier's page shows that same section", () => {
    const view = verificationView(REPORT, { issuerName: null, issuedOn: null, expires: null }, new Date(), {
      audience: "verifier",
    })!;
    const page = renderVerifyPage({
      result: {
        kind: "credential",
        viaShareLink: false,
        credential: {} as never,
        report: REPORT,
        verdict: {
          title: "T",
          issuerName: null,
          state: view.status.state,
          summary: view.summary,
          recipient: null,
          checks: view.checks,
          view,
        },
        nested: [],
      },
    });
    expect(page).toContain("<strong>Issuer&#39;s copy</strong>");
    expect(page).toContain("<strong>Structure (schema)</strong>");
    expect(page).toContain('aria-label="Verification checks"');
  });

  it("the verifier's recipient line: the address or 'a hashed address', and whether it matches", () => {
    expect(recipientLine({ kind: "plain-email", email: "a@b.example" }, null, false).text).toBe(
      "Issued to a@b.example.",
    );
    expect(recipientLine({ kind: "hashed-email" }, "a@b.example", true)).toEqual({
      text: "Issued to a hashed address: it matches a@b.example, the email you gave.",
      tone: "ok",
    });
    expect(recipientLine({ kind: "hashed-email" }, "x@b.example", false).text).toBe(
      "Issued to a hashed address: it does not match x@b.example, the email you gave.",
    );
    expect(recipientLine({ kind: "none" }, "x@b.example", false).text).toBe(
      "It doesn't say whom it was issued to, so it can't be compared with x@b.example, the email you gave.",
    );
  });

  it("a presentation is Verified only when its own checks hold and every credential in it is verified", () => {
    const pass = [
      { id: "signature", status: "pass" as const, message: "ok" },
      { id: "holder", status: "pass" as const, message: "ok" },
    ];
    expect(presentationSummary("verified", pass, [{ state: "verified" }]).summary).toMatch(/^Verified — /);
    expect(presentationSummary("verified", pass, [{ state: "not-verified" }]).state).toBe("not-verified");
    expect(presentationSummary("verified", pass, []).state).toBe("not-verified");
    const failed = presentationSummary(
      "failed",
      [{ id: "signature", status: "fail", message: "It was changed after it was signed" }],
      [{ state: "verified" }],
    );
    expect(failed).toEqual({ state: "failed", summary: "Not verified — Failed: It was changed after it was signed." });
  });
});

describe("every share page links the public verifier", () => {
  it("a credential's share page and the record's say 'Check any credential' (/verify)", () => {
    const row: SharedCredentialRow = {
      slug: "abc123",
      indexable: false,
      learnerName: "Ada",
      section: "imported",
      origin: "paste",
      spec: "ob3",
      externalId: null,
      title: "Teamwork",
      description: "",
      criteriaNarrative: null,
      criteriaUrl: null,
      issuerName: "Western University",
      issuerUrl: null,
      issuerImage: null,
      imageUrl: null,
      issuedOn: null,
      expires: null,
      hasFile: false,
      fileMimeType: null,
      record: null,
      raw: null,
      verification: REPORT,
      updatedAt: new Date("2026-05-01T00:00:00Z"),
      skills: [],
    };
    const link = '<a href="/verify">Check any credential</a>';
    expect(renderSharePage(buildShareView(row, "https://sash.example"))).toContain(link);
    const record = buildPortfolioView({ learnerName: "Ada", credentials: [], skills: [], learnerRecords: [] });
    expect(renderPortfolioPage(record)).toContain(link);
  });
});
