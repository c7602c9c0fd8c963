// server/verify's app-facing API: the public verifier page (/verify, issue #20 §6).
// app/ imports server/verify only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas"). `sash verify` uses ./service.ts directly.
export { verifyFailurePage, verifyPageResponse, verifyPost } from "./respond";
