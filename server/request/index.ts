// server/request's app-facing API: reading requests: the capped body reader, the public origin, the peer stamp.
// app/ imports server/request only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export { readBodyCapped } from "./body";
export { publicOrigin } from "./origin";
export { installPeerStamp } from "./peer";
