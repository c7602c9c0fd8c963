// Public API of credential verification (issue #4).
export { verifyCredential, manualEntryReport, overallResult, type VerifyOptions } from "./verify";
export type { CheckId, CheckStatus, VerificationCheck, VerificationReport, VerificationResult } from "./types";
export { staticDocumentLoader, bundledContextUrls } from "./document-loader";
export { VERIFY_LIMITS, type VerifyLimits } from "./limits";
export {
  bundledIssuerRegistries,
  loadIssuerRegistries,
  registryUrlsFromEnv,
  IssuerRegistries,
  BUNDLED_REGISTRIES,
  DEFAULT_REGISTRY_URLS,
  type KnownIssuer,
} from "./registries";
