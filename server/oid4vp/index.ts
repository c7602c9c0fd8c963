// server/oid4vp's app-facing API: presenting by OpenID4VP (issue #22 §3).
// app/ imports server/oid4vp only through this file (docs/architecture.md, "Server areas").
export {
  answerVerifierRequest,
  continueLinkFor,
  openVerifierRequest,
  sealNext,
  verifierLinkFrom,
  type VerifierRequestView,
} from "./flow";
