// The wallet's shapes as the pages and forms use them (client-safe: types only).
// db/queries/credentials.ts returns them; server/wallet passes them on.
import type { VerifiedStatus } from "../trust/status";

export interface CredentialSkill {
  name: string;
  /** Library skill id, or "custom:<normalised text>". */
  skillKey: string;
  skillId: string | null;
}

/** One card on /wallet as stored (db/queries/credentials.ts): the raw verification columns, nothing decided. */
export interface WalletCardRow {
  id: string;
  section: string;
  title: string;
  issuerName: string | null;
  issuedOn: Date | null;
  createdAt: Date;
  hasFile: boolean;
  imageUrl: string | null;
  verificationResult: string | null;
  /** The stored report (jsonb) and the expiry date, for lib/trust/status.ts. */
  verification: unknown;
  expires: Date | null;
  skills: CredentialSkill[];
  /** The learner record (CLR 2.0) it came in, shown as "Part of <record name>". */
  partOf?: { id: string; title: string } | null;
}

/** One card on /wallet: the row and what it says (lib/trust/status.ts storedStatus, decided when read). */
export interface WalletCard extends WalletCardRow {
  status: VerifiedStatus;
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
