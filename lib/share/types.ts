// What a public share page is built from (lib/share/view.ts): the shared
// credential as db/queries/share.ts reads it behind an enabled link.

/** Everything a public share page may show, and nothing else (no email, no user id). */
export interface SharedCredentialRow {
  slug: string;
  indexable: boolean;
  learnerName: string;
  section: string;
  origin: string;
  spec: string | null;
  externalId: string | null;
  title: string;
  description: string;
  criteriaNarrative: string | null;
  criteriaUrl: string | null;
  issuerName: string | null;
  issuerUrl: string | null;
  issuerImage: string | null;
  imageUrl: string | null;
  issuedOn: Date | null;
  expires: Date | null;
  hasFile: boolean;
  fileMimeType: string | null;
  /** The ParsedCredential as imported (jsonb); read only for `documents` and `source`. */
  record: unknown;
  /** The payload exactly as found (JSON text, URL, JWS or JWT). */
  raw: string | null;
  verification: unknown;
  /** credentials.details (lib/badges/achievement.ts AchievementDetails, jsonb); null until filled. */
  details?: unknown;
  /** The issuer's own title/description (null for entries without badge data), apart from the learner's edits. */
  issuerTitle?: string | null;
  issuerDescription?: string | null;
  /** The learner let "Download badge" serve the baked file although it shows the address it was issued to. */
  shareDownloadShowsAddress?: boolean;
  updatedAt: Date;
  skills: string[];
}
