// The public portfolio page (issue #13 §5): like a credential's share page
// (app/c/[slug]/route.ts), static HTML with no client JavaScript, a strict CSP,
// never indexed, and 404 the moment the learner turns the link off.
import { loadRecordSharePage, shareNotFound, sharePageResponse } from "@/server/share";
import { PORTFOLIO_CSP } from "@/lib/portfolio/render";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "record share page", errors: "page" },
  async (req, { params: { slug } }) => {
    const page = await loadRecordSharePage(slug);
    return page ? sharePageResponse(req, page, PORTFOLIO_CSP) : shareNotFound();
  },
);
