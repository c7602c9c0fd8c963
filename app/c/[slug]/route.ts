// The public share page (issue #7). A route handler rather than a page: the
// HTML is static, has no client JavaScript, and carries a strict CSP.
import { loadSharePage, shareNotFound, sharePageResponse } from "@/server/share";
import { publicOrigin } from "@/server/request";
import { orUnavailable } from "@/server/errors";

export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  return orUnavailable(async () => {
    const page = await loadSharePage(slug, publicOrigin());
    return page ? sharePageResponse(req, page) : shareNotFound();
  });
}
