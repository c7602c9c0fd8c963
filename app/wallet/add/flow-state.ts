// /wallet/add's steps: the state machine the flow moves through (choose → uploading → problem | duplicate | form).
import type { ImportDraft, StageResult } from "@/server/wallet";
import type { DuplicateRef } from "@/lib/wallet/types";
import type { ActionResult } from "@/server/actions";
import { importProblem, type ImportProblem } from "@/lib/wallet/messages";

export type Step =
  | { kind: "choose" }
  | { kind: "uploading"; progress: number; phase: "sending" | "reading"; fileName: string }
  | { kind: "problem"; problem: ImportProblem; detail: string }
  | { kind: "duplicate"; existing: DuplicateRef }
  | { kind: "form"; draft: ImportDraft; notice: ImportProblem | null };

export type UploadAnswer = ActionResult<StageResult>;

/** The step an upload, URL or paste answer leads to: its problem, the wallet's copy, or the pre-filled form. */
export function stepAfter(answer: UploadAnswer): Step {
  if (!answer.ok) return { kind: "problem", problem: importProblem(answer.code), detail: answer.message };
  const r = answer.data;
  if (r.kind === "duplicate") return { kind: "duplicate", existing: r.existing };
  return {
    kind: "form",
    draft: r.draft,
    notice: r.draft.mode === "manual" && r.draft.hasImage ? importProblem("NO_BADGE_DATA") : null,
  };
}
