// The wallet's credential shapes as the queries store and return them (split
// from db/queries/credentials.ts).
import type { credentials } from "../schema";
import type { ParsedCredential } from "@/lib/badges/types";
import type { VerificationReport } from "@/lib/badges/verify/types";
import type { CredentialSkill } from "@/lib/wallet/types";

/** The descriptive columns of a credential, as stored (shared by the wallet and share queries). */
export type CredentialFields = Pick<
  typeof credentials.$inferSelect,
  | "spec"
  | "externalId"
  | "title"
  | "description"
  | "criteriaNarrative"
  | "criteriaUrl"
  | "issuerName"
  | "issuerUrl"
  | "issuerImage"
  | "imageUrl"
  | "issuedOn"
  | "expires"
>;

export interface CredentialDetail extends CredentialFields {
  id: string;
  section: string;
  origin: string;
  file: { id: string; mimeType: string; size: number; sha256: string } | null;
  record: ParsedCredential | null;
  raw: string | null;
  verification: VerificationReport | null;
  verificationResult: string | null;
  verifiedAt: Date | null;
  shareSlug: string;
  shareEnabled: boolean;
  shareIndexable: boolean;
  /** The issuer's own title/description from the badge data (issue #11 §3); null without badge data. */
  issuerTitle: string | null;
  issuerDescription: string | null;
  shareDownloadShowsAddress: boolean;
  /** "revoked" | "expired" when a re-check found it so since the learner last looked. */
  statusNotice: string | null;
  createdAt: Date;
  updatedAt: Date;
  skills: CredentialSkill[];
  /** OB 3.0 achievementType and the stored AchievementDetails (lib/badges/achievement.ts; issue #13); null until filled. */
  achievementType: string | null;
  details: unknown;
  /** The learner record (CLR 2.0) it came in, while that record is in the wallet. */
  partOf: { id: string; title: string } | null;
}

export interface NewCredentialFile {
  bytes: Uint8Array;
  sha256: string;
  mimeType: string;
}

/** The file is a staged upload's bytes, copied inside the database (no round trip through JS). */
export interface StagedFileRef {
  fromUploadId: string;
  sha256: string;
  mimeType: string;
  /** The re-encoded, metadata-free copy shown publicly, made once at save time (issue #12 §2). */
  publicImage?: { bytes: Uint8Array; mimeType: string } | null;
}

/** Per-learner limits checked inside the save transaction (issue #12 §2). */
export interface WalletQuota {
  maxCredentials: number;
  maxBytes: number;
}

export interface NewCredential extends CredentialFields {
  origin: "upload" | "url" | "paste" | "manual";
  record: ParsedCredential | null;
  raw: string | null;
  verification: VerificationReport | null;
  file: NewCredentialFile | StagedFileRef | null;
  skills: CredentialSkill[];
  /** Issue #13: the achievement type and AchievementDetails (lib/badges/achievement.ts), made by the service. */
  achievementType?: string | null;
  details?: unknown;
  /** Set for a credential nested in a learner record (CLR 2.0): the record and its index there. */
  learnerRecord?: { id: string; index: number };
}
