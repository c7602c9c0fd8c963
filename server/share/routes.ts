// What each public share route answers, given its slug: written once for the app's route handlers
// (app/c/[slug]/…, app/r/[slug]) and the share-link server (standalone.ts), which only wrap them.
import { loadOgImage, loadRecordSharePage, loadShareImage, loadSharePage } from "./cache";
import { renderOgImage } from "./og";
import { binaryResponse, shareNotFound, sharePageResponse } from "./respond";
import { PORTFOLIO_CSP } from "@/lib/portfolio/render";
import { publicOrigin } from "@/server/request/origin";

export type ShareRoute = (req: Request, slug: string) => Promise<Response>;

/** `/c/<slug>` and its sibling routes, by the path segment after the slug ("" for the page itself). */
export const CREDENTIAL_SHARE_ROUTES = {
  "": async (req, slug) => {
    const page = await loadSharePage(slug, publicOrigin());
    return page ? sharePageResponse(req, page) : shareNotFound();
  },
  /** Baked badges as issued, anything else re-encoded without metadata. */
  image: async (req, slug) => binaryResponse(req, await loadShareImage(slug, "badge")),
  /** An issuer logo given inline as a data: URI, served re-encoded from this origin (CSP img-src). */
  "issuer-image": async (req, slug) => binaryResponse(req, await loadShareImage(slug, "issuer")),
  /** The original baked file, byte for byte (issue #7 §2). */
  download: async (req, slug) => binaryResponse(req, await loadShareImage(slug, "download"), { attachment: true }),
  /** The Open Graph card (PNG, cached under the link's tag). */
  og: async (req, slug) => binaryResponse(req, await loadOgImage(slug, renderOgImage)),
} satisfies Record<string, ShareRoute>;

/** `/r/<slug>`: the learner's public record (issue #13 §5). */
export const recordSharePage: ShareRoute = async (req, slug) => {
  const page = await loadRecordSharePage(slug);
  return page ? sharePageResponse(req, page, PORTFOLIO_CSP) : shareNotFound();
};
