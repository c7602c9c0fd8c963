// The public share page (issue #7). A route handler rather than a page: the
// HTML is static, has no client JavaScript, and carries a strict CSP.
import { loadSharePage, shareNotFound, sharePageResponse } from "@/server/share";
import { publicOrigin } from "@/server/request";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "share page", errors: "page" },
  async (req, { params: { slug } }) => {
    const page = await loadSharePage(slug, publicOrigin());
    return page ? sharePageResponse(req, page) : shareNotFound();
  },
);
