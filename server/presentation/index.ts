// server/presentation's app-facing API: verifiable presentations.
// app/ imports server/presentation only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export { presentationFor, presentationPageFor } from "./presentations";
