// The wallet service's shapes (split from server/wallet/import.ts): who is
// asking, what step 2 of /wallet/add shows, and what the learner may edit.
import type { Db } from "@/db/client";
import type { CredentialSkill, DuplicateRef } from "@/lib/wallet/types";
import type { Fetcher, Unresolved } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify/types";
import type { LearnerRecordSummary } from "@/lib/wallet/records";

export interface WalletUser {
  id: string;
  email: string;
}

export interface WalletContext {
  db: Db;
  user: WalletUser;
  /** Reaches hosted badge data and verification material; absent = offline. */
  fetcher?: Fetcher;
  now?: () => Date;
}

export type ImportOrigin = "upload" | "url" | "paste" | "manual";

/** What step 2 of /wallet/add shows. Plain JSON (dates as ISO strings). */
export interface ImportDraft {
  uploadId: string;
  origin: ImportOrigin;
  /** "badge": pre-filled from badge data; "manual": no badge data, the learner types it. */
  mode: "badge" | "manual";
  hasImage: boolean;
  imageUrl: string | null;
  title: string;
  description: string;
  skills: CredentialSkill[];
  details: {
    spec: string;
    issuerName: string | null;
    issuerUrl: string | null;
    issuedOn: string | null;
    expires: string | null;
    criteriaNarrative: string | null;
    criteriaUrl: string | null;
    externalId: string | null;
    unresolved: Unresolved[];
    /** Issue #13: the achievement type and results in words (lib/badges/achievement.ts). */
    achievementType?: string | null;
    results?: string[];
  } | null;
  verification: VerificationReport | null;
  /** Set for a learner record (CLR 2.0): what Submit files (the record, and each nested credential on its own). */
  learnerRecord?: LearnerRecordSummary;
}

export type StageResult = { kind: "draft"; draft: ImportDraft } | { kind: "duplicate"; existing: DuplicateRef };

export interface CredentialEdits {
  title: string;
  description: string;
  skills: CredentialSkill[];
}
