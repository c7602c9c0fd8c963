// server/share's app-facing API: share links: their pages, images, settings and cache.
// app/ imports server/share only through this file; the code lives in the named modules beside it
// (docs/architecture.md, "Server areas").
export { loadOgImage, loadRecordSharePage, loadShareImage, loadSharePage } from "./cache";
export { allowShareIndexing, enableShareLink, renewShareLink, type ShareSettings } from "./controls";
export { allowAddressInDownload } from "./download";
export { renderOgImage } from "./og";
export { shareUrl } from "./origin";
export { binaryResponse, shareNotFound, sharePageResponse } from "./respond";
export { revalidateShare } from "./revalidate";
