// server/wallet's app-facing API: the wallet: credentials, learner records, uploads and their pages.
// app/ imports server/wallet only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export { detailsOf } from "./achievements";
export { walletContext } from "./context";
export { formSkills } from "./form-skills";
export {
  type CredentialEdits,
  discardStaged,
  editCredential,
  type ImportDraft,
  removeCredential,
  reverifyCredential,
  stageManual,
  type StageResult,
  verifyStaged,
} from "./import";
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
