"use server";
// Server actions of /jobs/check: read and score a posting from elsewhere, then re-score the
// skills the learner kept. Neither stores anything.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ActionError, authedAction } from "@/server/actions";
import { checkPostingFor, rescorePostingFor, type CheckedPosting, type PostingFitDetail } from "@/server/jobs";

const MAX_TEXT = 100_000;
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export interface CheckResult {
  /** Tells this check's re-scores from an earlier check's. */
  checkId: string;
  posting: CheckedPosting;
  fit: PostingFitDetail;
}

export const checkPostingAction = authedAction(
  z.object({
    url: z.string().max(2000, { message: "That address is too long." }).optional().default(""),
    text: z
      .string()
      .max(MAX_TEXT, { message: `Paste at most ${MAX_TEXT.toLocaleString("en")} characters.` })
      .optional()
      .default(""),
  }),
  async (input, user): Promise<CheckResult> => {
    const url = input.url.trim();
    const text = input.text.trim();
    if (!url && !text)
      throw new ActionError("POSTING_EMPTY", "Paste the posting's address or its text.", {
        url: "Paste the posting's address, or its text below.",
      });
    const r = await checkPostingFor(user, url ? { url } : { text });
    return { checkId: randomUUID(), ...r };
  },
);

export interface RescoreResult {
  checkId: string;
  fit: PostingFitDetail;
}

export const rescorePostingAction = authedAction(
  z.object({ checkId: z.string().max(100), key: list, name: list, keep: list }),
  async (input, user): Promise<RescoreResult> => {
    if (input.key.length !== input.name.length || input.key.length > 100)
      throw new ActionError("INVALID_INPUT", "Check the posting again: the list of skills was incomplete.");
    const kept = [...new Set(input.keep.map(Number))]
      .filter((i) => Number.isInteger(i) && i >= 0 && i < input.key.length)
      .sort((a, b) => a - b)
      .map((i) => ({ key: input.key[i]!, name: input.name[i]! }));
    const r = await rescorePostingFor(user, kept);
    return { checkId: input.checkId, fit: r.fit };
  },
);
