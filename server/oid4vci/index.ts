// server/oid4vci's app-facing API: receiving a credential by OpenID4VCI (issue #22 §2).
// app/ imports server/oid4vci only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export {
  completeAuthorizationFor,
  PENDING_COOKIE,
  PENDING_MAX_AGE_S,
  previewOfferFor,
  receiveOfferFor,
  stagedDraftFor,
  type OfferPreview,
  type ReceiveAnswer,
} from "./flow";
