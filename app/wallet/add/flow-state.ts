// /wallet/add's steps: the state machine the flow moves through (choose → uploading → problem | duplicate | form).
import type { ImportDraft, StageResult } from "@/server/wallet";
import type { DuplicateRef } from "@/lib/wallet/types";
import type { ActionResult } from "@/server/actions";
import type { ImportProblem } from "@/lib/wallet/messages";

export type Step =
  | { kind: "choose" }
  | { kind: "uploading"; progress: number; phase: "sending" | "reading"; fileName: string }
  | { kind: "problem"; problem: ImportProblem; detail: string }
  | { kind: "duplicate"; existing: DuplicateRef }
  | { kind: "form"; draft: ImportDraft; notice: ImportProblem | null };

export type UploadAnswer = ActionResult<StageResult>;
