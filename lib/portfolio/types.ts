// The portfolio page's input rows (/record, issue #13 §5), as db/queries/portfolio.ts
// reads them. Types only: shared by db/ (which may import only types from lib/),
// the pure view (./view.ts) and the services.

/** One credential as the portfolio page needs it. */
export interface PortfolioCredentialRow {
  id: string;
  title: string;
  spec: string | null;
  issuerName: string | null;
  issuerUrl: string | null;
  issuedOn: Date | null;
  expires: Date | null;
  /** The stored verification report (jsonb), read by lib/trust/present.ts. */
  verification: unknown;
  /** ParsedCredential.achievementType from the stored record (absent on records stored before issue #13). */
  achievementType: string | null;
  /** ParsedCredential.results from the stored record (jsonb; read defensively). */
  results: unknown;
  /** The learner record (CLR) it came nested in, if any. */
  learnerRecordId: string | null;
  learnerRecordIndex: number | null;
  createdAt: Date;
}

export interface PortfolioSkillRow {
  credentialId: string;
  name: string;
  skillKey: string;
}

/** A learner record (CLR 2.0) as the portfolio page needs it. */
export interface PortfolioLearnerRecordRow {
  id: string;
  title: string;
  issuerName: string | null;
  issuerUrl: string | null;
  issuedOn: Date | null;
  expires: Date | null;
  verification: unknown;
  createdAt: Date;
}

export interface PortfolioRows {
  learnerName: string;
  credentials: PortfolioCredentialRow[];
  skills: PortfolioSkillRow[];
  learnerRecords: PortfolioLearnerRecordRow[];
}
