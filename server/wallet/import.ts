// The add-credential flow as a framework-free service (issue #6): bytes or text
// in → staged server-side → pre-filled draft out; Submit saves from the staged
// copy, never from client-sent badge data. Split by concern (issue #19 §6) into
// types, errors, fields, draft, staging, verification, saving and editing, with
// badge data coming in through server/wallet/ingest.ts (the one import path); this
// module only re-exports them for the server actions, the upload route handler,
// bench/import.ts and the tests.
export type { CredentialEdits, ImportDraft, ImportOrigin, StageResult, WalletContext, WalletUser } from "./types";
export { WalletError } from "./errors";
export { credentialFields, safeImageUrl, sha256Hex, validateEdits } from "./fields";
export { discardStaged, stageManual } from "./staging";
export { stageFile, stageText } from "./ingest";
export { reverifyCredential, runVerification, verifyStaged } from "./verification";
export { saveStaged } from "./saving";
export { editCredential, removeCredential } from "./editing";
