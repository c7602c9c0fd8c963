// The public verifier (issue #20 §6): no sign-in, nothing stored. A route handler rather than a
// page, like the share page: the HTML is static, has no client JavaScript, and carries a strict CSP.
import { verifyFailurePage, verifyPageResponse, verifyPost } from "@/server/verify";
import { route } from "@/server/http";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public", sameOrigin: false, where: "verify page", errors: "page" }, async () =>
  verifyPageResponse(),
);

export const POST = route(
  {
    auth: "public",
    sameOrigin: true,
    where: "verify",
    forbidden: () =>
      verifyFailurePage({ code: "FORBIDDEN", message: "This form didn't come from Sash's own page.", status: 403 }),
    onError: (failure) => verifyFailurePage(failure),
  },
  async (req) => verifyPost(req),
);
