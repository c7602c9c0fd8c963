// Verifiable presentations for the learner (issue #13 §6): which of their credentials can
// be presented, and the signed presentation of the ones they pick.
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { listVerifiedEmails } from "@/db/queries/emails";
import { listPresentableCredentials } from "@/db/queries/presentation";
import { AppError } from "@/lib/errors";
import { presentationEligibility, type PresentingLearner } from "@/lib/presentation/eligibility";
import { MAX_PRESENTATION_CREDENTIALS, signHolderPresentation } from "@/lib/presentation/presentation";
import { getDb } from "../db";
import { holderDid, holderSigner } from "./keys";

export interface PresentableCredential {
  id: string;
  title: string;
  issuerName: string | null;
  issuedOn: Date | null;
  /** Null when it can be presented; otherwise why not, in words for the learner. */
  notPresentable: string | null;
}

/** What may show a credential was issued to this learner: their verified addresses and holder DID (issue #25 §5a). */
async function presentingLearner(db: Db, userId: string): Promise<PresentingLearner> {
  const did = await holderDid(db, userId);
  return { emails: await listVerifiedEmails(db, userId), dids: did ? [did] : [] };
}

export async function listPresentable(db: Db, userId: string): Promise<PresentableCredential[]> {
  const rows = await listPresentableCredentials(db, userId);
  const learner = await presentingLearner(db, userId);
  return rows.map((r) => {
    const e = presentationEligibility(r, learner);
    return {
      id: r.id,
      title: r.title,
      issuerName: r.issuerName,
      issuedOn: r.issuedOn,
      notPresentable: e.ok ? null : e.reason,
    };
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The signed presentation (JSON text) of the chosen credentials, in the order the wallet
 * lists them. Refuses (coded, worded for the learner) an empty or too long choice, an id
 * that isn't one of the learner's credentials, and a credential that can't be presented.
 */
export async function createPresentation(
  db: Db,
  userId: string,
  chosen: string[],
  now: Date = new Date(),
  secret?: string,
): Promise<{ filename: string; json: string; holder: string }> {
  const ids = [...new Set(chosen)];
  if (ids.length === 0) {
    throw new AppError("PRESENTATION_EMPTY", "Choose at least one credential to present.", { expose: true });
  }
  if (ids.length > MAX_PRESENTATION_CREDENTIALS) {
    throw new AppError(
      "PRESENTATION_TOO_LARGE",
      `A presentation can hold at most ${MAX_PRESENTATION_CREDENTIALS} credentials.`,
      { expose: true },
    );
  }
  const rows = ids.every((id) => UUID.test(id)) ? await listPresentableCredentials(db, userId, ids) : [];
  if (rows.length !== ids.length) {
    throw new AppError("NOT_FOUND", "One of the chosen credentials isn't in your wallet any more.", {
      expose: true,
      status: 404,
    });
  }
  const learner = await presentingLearner(db, userId);
  const credentials = rows.map((r) => {
    const e = presentationEligibility(r, learner);
    if (!e.ok) {
      throw new AppError("PRESENTATION_NOT_PRESENTABLE", `“${r.title}” can't be presented: ${e.reason}`, {
        expose: true,
      });
    }
    return e.credential;
  });
  const holder = await holderSigner(db, userId, secret);
  const vp = await signHolderPresentation(credentials, holder, { id: `urn:uuid:${randomUUID()}`, now });
  const day = now.toISOString().slice(0, 10);
  return { filename: `sash-presentation-${day}.json`, json: JSON.stringify(vp, null, 2), holder: holder.did };
}

/** For the page: the signed-in learner's credentials and their holder did:key (null before the first presentation). */
export async function presentationPageFor(user: { id: string }): Promise<{
  credentials: PresentableCredential[];
  holder: string | null;
}> {
  const db = await getDb();
  return { credentials: await listPresentable(db, user.id), holder: await holderDid(db, user.id) };
}

/** For the download route: the signed-in learner's presentation of the chosen credentials. */
export async function presentationFor(user: { id: string }, chosen: string[]) {
  return createPresentation(await getDb(), user.id, chosen);
}
