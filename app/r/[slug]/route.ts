// The public portfolio page (issue #13 §5): like a credential's share page
// (app/c/[slug]/route.ts), static HTML with no client JavaScript, a strict CSP,
// never indexed, and 404 the moment the learner turns the link off.
import { recordSharePage } from "@/server/share";
import { route } from "@/server/http";

export const GET = route<{ slug: string }>(
  { auth: "public", sameOrigin: false, where: "record share page", errors: "page" },
  (req, { params: { slug } }) => recordSharePage(req, slug),
);
