// server/share's app-facing API: share links: their pages, images, settings and cache.
// app/ imports server/share only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export { allowShareIndexing, enableShareLink, renewShareLink, type ShareSettings } from "./controls";
export { allowAddressInDownload } from "./download";
export { shareUrl } from "./origin";
export { revalidateShare } from "./revalidate";
export { CREDENTIAL_SHARE_ROUTES, recordSharePage } from "./routes";
