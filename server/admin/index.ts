// server/admin's app-facing API: the /admin page, its import route and its actions (issue #21 §4).
// app/ imports server/admin only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export {
  adminAddIssuer,
  adminAddRegistryFile,
  adminAddRegistryUrl,
  adminDeleteLearner,
  adminImport,
  adminPageData,
  adminRemoveIssuer,
  adminSetDisabled,
  assertAdmin,
  type AdminCounts,
  type AdminPageData,
  type AuditRow,
  type ImportResult,
  type LearnerRow,
  type TrustedIssuerRow,
} from "./pages";
export { IMPORT_KINDS, type ImportRequest } from "./run-import";
