"use server";
// Server actions of /wallet/add. The file upload itself goes through
// ./upload/route.ts (so the browser can show progress); everything else is here.
import { authedAction, ActionError } from "@/server/actions";
import {
  DuplicateCredentialError,
  discardStaged,
  stageManual,
  verifyStaged,
  type ImportDraft,
  type StageResult,
  stageText,
  walletContext,
  saveStagedImport,
} from "@/server/wallet";
import type { DuplicateRef } from "@/lib/wallet/types";
import { credentialEdits } from "../_lib/edits";
import type { VerificationReport } from "@/lib/badges/verify/types";
import {
  importTextSchema,
  manualEntrySchema,
  saveDraftSchema,
  stagedUploadSchema,
  WALLET_MESSAGES,
} from "@/lib/wallet/rules";

/** Import by a hosted assertion URL (or Credly badge URL) or pasted JSON / JWS / JWT. */
// Unreadable badge data throws SashError, whose message is written for the learner (authedAction passes it on).
export const importTextAction = authedAction(importTextSchema, async ({ payload }, user): Promise<StageResult> => {
  return stageText(await walletContext(user), payload);
});

/** The empty form for typing a credential in by hand (no picture). */
export const manualEntryAction = authedAction(manualEntrySchema, async (_input, user): Promise<ImportDraft> => {
  return stageManual(await walletContext(user));
});

/** The follow-up request that verifies a staged import while the learner edits the form. */
export const verifyDraftAction = authedAction(stagedUploadSchema, async (input, user): Promise<VerificationReport> => {
  const report = await verifyStaged(await walletContext(user), input.uploadId);
  if (!report) throw new ActionError("NOT_FOUND", WALLET_MESSAGES.uploadExpired);
  return report;
});

export type SaveOutcome =
  { kind: "duplicate"; existing: DuplicateRef } | { kind: "saved"; id: string; record?: boolean };

/**
 * Submit: saves the staged import with the learner's title, description and
 * skills. Returns the result and the form navigates to /wallet on the client:
 * a redirect() here would make Next fetch /wallet from this server's own HTTP
 * port before answering, which under load took seconds (issue #12 §2).
 */
export const saveDraftAction = authedAction(saveDraftSchema, async (input, user, formData): Promise<SaveOutcome> => {
  let saved: { id: string; kind: "credential" | "record" };
  try {
    // A learner record (CLR 2.0) is saved with each of its credentials; anything else as one credential.
    saved = await saveStagedImport(await walletContext(user), input.uploadId, await credentialEdits(input, formData));
  } catch (e) {
    // WalletError (expired upload, quota…) carries its own learner-facing message and code.
    if (e instanceof DuplicateCredentialError) return { kind: "duplicate", existing: e.existing };
    throw e;
  }
  // No refreshWalletPages() here: the form goes on to /wallet, a dynamic page fetched fresh on navigation. A
  // revalidation in this action made Next render /wallet/add again into every save's answer (7.3 KB of RSC, gzipped
  // per response): in test:load's burst of 169 saves that was most of the request thread's zlib time (issue #23 §3).
  return { kind: "saved", id: saved.id, record: saved.kind === "record" };
});

export const discardDraftAction = authedAction(stagedUploadSchema, async (input, user): Promise<null> => {
  await discardStaged(await walletContext(user), input.uploadId);
  return null;
});
