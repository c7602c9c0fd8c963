// POST "Share" or "Decline" for a verifier's OpenID4VP request (issue #22 §3): the sealed request the
// page showed, the action, and one credential id per query (`pick:<query id>`). Sends the answer to
// the verifier by direct_post, then goes back to the page (with the verifier's redirect_uri as a link).
import { publicOrigin } from "@/server/request";
import { route } from "@/server/http";
import { answerVerifierRequest, sealNext } from "@/server/oid4vp";

export const dynamic = "force-dynamic";

/** The sealed request plus up to 50 picks is a few kilobytes; nothing larger is read. */
const MAX_FORM_BYTES = 64 * 1024;

function back(query: string): Response {
  return new Response(null, {
    status: 303,
    headers: { location: `${publicOrigin()}/wallet/present?${query}`, "cache-control": "no-store" },
  });
}

export const POST = route(
  {
    auth: "learner",
    sameOrigin: true,
    where: "oid4vp",
    forbidden: () => back("error=FORBIDDEN"),
    unauthenticated: () =>
      new Response(null, {
        status: 303,
        headers: { location: `${publicOrigin()}/sign-in?callbackUrl=${encodeURIComponent("/wallet/present")}` },
      }),
    onError: (failure) => back(`error=${encodeURIComponent(failure.code)}`),
  },
  async (req, { user }) => {
    const length = req.headers.get("content-length");
    if (length === null || !(Number(length) <= MAX_FORM_BYTES)) return back("error=PRESENTATION_TOO_LARGE");
    const form = await req.formData();
    const sealed = form.get("sealed");
    const action = form.get("action") === "decline" ? "decline" : "share";
    const chosen: Record<string, string> = {};
    for (const [k, v] of form.entries()) {
      if (k.startsWith("pick:") && typeof v === "string" && v) chosen[k.slice(5)] = v;
    }
    if (typeof sealed !== "string") return back("error=OID4VP_EXPIRED");
    const { redirectUri } = await answerVerifierRequest(user, sealed, action, chosen);
    // The page's CSP (form-action 'self') keeps a form's redirect inside Sash: the verifier's
    // redirect_uri comes back sealed and shows as a "Continue to the verifier" link.
    const next = redirectUri ? `&next=${encodeURIComponent(sealNext(user, redirectUri))}` : "";
    return back((action === "decline" ? "answered=declined" : "answered=shared") + next);
  },
);
