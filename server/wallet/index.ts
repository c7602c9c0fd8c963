// server/wallet's app-facing API: the wallet: credentials, learner records, uploads and their pages.
// app/ imports server/wallet only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export { detailsOf } from "./achievements";
export { walletContext } from "./context";
export { editCredential, removeCredential } from "./editing";
export { formSkills } from "./form-skills";
export { acquireUploadSlot, busyMessage } from "./inflight";
export { stageFile, stageText } from "./ingest";
export { refreshCredentialPage, refreshRecordPages, refreshWalletPages } from "./pages";
export {
  credentialFileFor,
  credentialFor,
  DuplicateCredentialError,
  type LearnerRecordCard,
  type LearnerRecordDetail,
  learnerRecordFileFor,
  learnerRecordFor,
  learnerRecordsFor,
  walletOverview,
} from "./queries";
export { walletQuota } from "./quota";
export { removeLearnerRecord, saveStagedImport } from "./records";
export { discardStaged, stageManual } from "./staging";
export type { CredentialEdits, ImportDraft, StageResult } from "./types";
export { reverifyCredential, verifyStaged } from "./verification";
