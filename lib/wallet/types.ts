// The wallet's shapes as the pages and forms use them (client-safe: types only).
// db/queries/credentials.ts returns them; server/wallet passes them on.
import type { VerifiedStatus } from "../trust/status";

export interface CredentialSkill {
  name: string;
  /** Library skill id, or "custom:<normalised text>". */
  skillKey: string;
  skillId: string | null;
}

/** One card on /wallet. */
export interface WalletCard {
  id: string;
  section: string;
  title: string;
  issuerName: string | null;
  issuedOn: Date | null;
  createdAt: Date;
  hasFile: boolean;
  imageUrl: string | null;
  verificationResult: string | null;
  /** What the card says (lib/trust/status.ts), decided when the card was read. */
  status: VerifiedStatus;
  /** The message of the check that proved it wrong (status.failedCheck), for "Failed: reason". */
  failReason: string | null;
  skills: CredentialSkill[];
  /** The learner record (CLR 2.0) it came in, shown as "Part of <record name>". */
  partOf?: { id: string; title: string } | null;
}

/** The credential the learner already holds, when an import would duplicate it. */
export interface DuplicateRef {
  id: string;
  title: string;
  /** "record" when it is a learner record (its page is /wallet/r/<id>); a credential otherwise. */
  kind?: "credential" | "record";
}

export interface WalletFilter {
  /** Case-insensitive substring of the title. */
  q?: string;
  /** A skill key the card must carry. */
  skill?: string;
}
