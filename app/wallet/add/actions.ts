"use server";
// Server actions of /wallet/add. The file upload itself goes through
// ./upload/route.ts (so the browser can show progress); everything else is here.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction, ActionError } from "@/server/actions";
import { DuplicateCredentialError, type DuplicateRef } from "@/db/queries/credentials";
import { discardStaged, saveStaged, stageManual, stageText, verifyStaged, WalletError, type ImportDraft, type StageResult } from "@/server/wallet/import";
import { skillsFromForm } from "@/server/wallet/skills";
import { isSashError } from "@/lib/badges/errors";
import type { VerificationReport } from "@/lib/badges/verify/types";
import { walletContext } from "@/server/wallet/context";

const uploadId = z.string().uuid({ message: "This upload has expired. Please add the badge again." });

/** Import by a hosted assertion URL (or Credly badge URL) or pasted JSON / JWS / JWT. */
export const importTextAction = authedAction(
  z.object({ payload: z.string().trim().min(1, "Paste a badge web address, JSON or token first.").max(10 * 1024 * 1024) }),
  async ({ payload }, user): Promise<StageResult> => {
    try {
      return await stageText(await walletContext(user), payload);
    } catch (e) {
      if (isSashError(e)) throw new ActionError(e.code, e.message);
      throw e;
    }
  },
);

/** The empty form for typing a credential in by hand (no picture). */
export const manualEntryAction = authedAction(z.object({}), async (_input, user): Promise<ImportDraft> => {
  return stageManual(await walletContext(user));
});

/** The follow-up request that verifies a staged import while the learner edits the form. */
export const verifyDraftAction = authedAction(z.object({ uploadId }), async (input, user): Promise<VerificationReport> => {
  const report = await verifyStaged(await walletContext(user), input.uploadId);
  if (!report) throw new ActionError("NOT_FOUND", "This upload has expired. Please add the badge again.");
  return report;
});

export type SaveOutcome = { kind: "duplicate"; existing: DuplicateRef };

/** Submit: saves the staged import with the learner's title, description and skills, then back to /wallet. */
export const saveDraftAction = authedAction(
  z.object({
    uploadId,
    title: z.string().trim().min(1, "Give the credential a title.").max(200, "Keep the title under 200 characters."),
    description: z.string().max(10_000, "Keep the description under 10,000 characters.").optional().default(""),
  }),
  async (input, user, formData): Promise<SaveOutcome> => {
    try {
      await saveStaged(await walletContext(user), input.uploadId, {
        title: input.title,
        description: input.description,
        skills: skillsFromForm(formData.getAll("skills")),
      });
    } catch (e) {
      if (e instanceof DuplicateCredentialError) return { kind: "duplicate", existing: e.existing };
      if (e instanceof WalletError) throw new ActionError(e.code, e.message);
      throw e;
    }
    revalidatePath("/wallet");
    redirect("/wallet");
  },
);

export const discardDraftAction = authedAction(z.object({ uploadId }), async (input, user): Promise<null> => {
  await discardStaged(await walletContext(user), input.uploadId);
  return null;
});
