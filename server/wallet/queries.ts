// What the wallet pages and the original-file route read, for the signed-in
// learner only: another learner's credential id finds nothing.
import "server-only";
import { getDb } from "@/server/db";
import {
  countWalletCredentials,
  getCredential,
  getCredentialFile,
  listWalletCredentials,
  listWalletSkills,
} from "@/db/queries/credentials";
import type { CredentialDetail } from "@/db/queries/credential-types";
import type { WalletCard, WalletFilter } from "@/lib/wallet/types";
import {
  getLearnerRecord,
  getLearnerRecordFile,
  listLearnerRecords,
  type LearnerRecordCard as LearnerRecordCardRow,
  type LearnerRecordDetail as LearnerRecordDetailRow,
} from "@/db/queries/learner-records";
import { withStatus, type VerifiedStatus } from "@/lib/trust/status";
import type { SessionUser } from "@/server/auth/session";

// What each card says is decided here, when read (lib/trust/status.ts: expiry at this moment), never in SQL.

/** A learner record's card: the stored row and its status. */
export type LearnerRecordCard = LearnerRecordCardRow & { status: VerifiedStatus };
/** A learner record with its status and each of its credentials' statuses. */
export type LearnerRecordDetail = Omit<LearnerRecordDetailRow, "credentials"> & {
  status: VerifiedStatus;
  credentials: Array<LearnerRecordDetailRow["credentials"][number] & { status: VerifiedStatus }>;
};

/** Raised by Submit when the learner already holds the credential (the add form offers the existing one). */
export { DuplicateCredentialError } from "@/db/queries/credential-errors";

export interface WalletOverview {
  /** Credentials in the wallet, before filtering. */
  total: number;
  cards: WalletCard[];
  /** The skills across the learner's credentials, for the filter. */
  skillOptions: Array<{ skillKey: string; name: string; count: number }>;
}

export async function walletOverview(user: SessionUser, filter: WalletFilter): Promise<WalletOverview> {
  const db = await getDb();
  const [total, cards, skillOptions] = await Promise.all([
    countWalletCredentials(db, user.id),
    listWalletCredentials(db, user.id, filter),
    listWalletSkills(db, user.id),
  ]);
  const now = new Date();
  return { total, cards: cards.map((c) => withStatus(c, now)), skillOptions };
}

export async function credentialFor(user: SessionUser, id: string): Promise<CredentialDetail | null> {
  return getCredential(await getDb(), user.id, id);
}

/** The original upload, byte for byte. */
export async function credentialFileFor(
  user: SessionUser,
  id: string,
): Promise<{ bytes: Uint8Array; mimeType: string; sha256: string; title: string } | null> {
  return getCredentialFile(await getDb(), user.id, id);
}

/** The learner's records (CLR 2.0), newest first, for the wallet's "Learner Records" section. */
export async function learnerRecordsFor(user: SessionUser): Promise<LearnerRecordCard[]> {
  const now = new Date();
  return (await listLearnerRecords(await getDb(), user.id)).map((r) => withStatus(r, now));
}

/** One of the learner's records with its achievements and the credentials still linked to it. */
export async function learnerRecordFor(user: SessionUser, id: string): Promise<LearnerRecordDetail | null> {
  const r = await getLearnerRecord(await getDb(), user.id, id);
  if (!r) return null;
  const now = new Date();
  return { ...withStatus(r, now), credentials: r.credentials.map((c) => withStatus(c, now)) };
}

/** A learner record's original file (or its payload as found), byte for byte. */
export async function learnerRecordFileFor(
  user: SessionUser,
  id: string,
): Promise<{ bytes: Uint8Array; mimeType: string; title: string } | null> {
  return getLearnerRecordFile(await getDb(), user.id, id);
}
