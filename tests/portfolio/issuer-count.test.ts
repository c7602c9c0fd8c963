// Issue #20 §5: the portfolio's count of issuers. A learner record (CLR) from one college
// with three credentials read "3 credentials from 0 issuers": only the loose credentials'
// issuer groups were counted. Pure: buildPortfolioView over rows as db/queries/portfolio.ts
// returns them, and the public page's lead sentence.
import { describe, expect, it } from "vitest";
import { buildPortfolioView } from "@/lib/portfolio/view";
import { renderPortfolioPage } from "@/lib/portfolio/render";
import type { PortfolioCredentialRow, PortfolioLearnerRecordRow, PortfolioRows } from "@/lib/portfolio/types";

const NOW = new Date("2026-06-01T00:00:00Z");
const AT = new Date("2026-01-01T00:00:00Z");

function credential(
  id: string,
  issuerName: string | null,
  record: string | null = null,
  index = 0,
): PortfolioCredentialRow {
  return {
    id,
    title: `Course ${id}`,
    spec: "ob3",
    issuerName,
    issuerUrl: null,
    issuedOn: AT,
    expires: null,
    verification: null,
    achievementType: null,
    results: null,
    learnerRecordId: record,
    learnerRecordIndex: record ? index : null,
    createdAt: AT,
  };
}

function learnerRecord(id: string, issuerName: string | null): PortfolioLearnerRecordRow {
  return {
    id,
    title: "Transcript",
    issuerName,
    issuerUrl: null,
    issuedOn: AT,
    expires: null,
    verification: null,
    createdAt: AT,
  };
}

const rows = (
  credentials: PortfolioCredentialRow[],
  learnerRecords: PortfolioLearnerRecordRow[] = [],
): PortfolioRows => ({
  learnerName: "Ada",
  credentials,
  skills: [],
  learnerRecords,
});

describe("the portfolio's count of issuers", () => {
  it("counts the college of a learner record's three credentials: 1 issuer, not 0", () => {
    const view = buildPortfolioView(
      rows(
        [
          credential("a", "Harbor Valley Community College", "r1", 0),
          credential("b", "Harbor Valley Community College", "r1", 1),
          credential("c", null, "r1", 2), // names no issuer of its own: the record's
        ],
        [learnerRecord("r1", "Harbor Valley Community College")],
      ),
      NOW,
    );
    expect(view.totals).toEqual({ credentials: 3, verified: 0, issuers: 1, learnerRecords: 1 });
    expect(renderPortfolioPage(view)).toContain("3 credentials from 1 issuer and 1 learner record; 0 verified.");
  });

  it("counts each issuer once across loose and nested credentials, names compared as the groups are", () => {
    const view = buildPortfolioView(
      rows(
        [
          credential("a", "Western University"),
          credential("b", "western university ", "r1", 0),
          credential("c", "Example Academy", "r1", 1),
          credential("d", null),
        ],
        [learnerRecord("r1", "Western University")],
      ),
      NOW,
    );
    // Western University, Example Academy, and the credential naming no issuer ("Issuer not named").
    expect(view.totals.issuers).toBe(3);
  });

  it("is 0 only when there are no credentials", () => {
    expect(buildPortfolioView(rows([]), NOW).totals.issuers).toBe(0);
  });
});
