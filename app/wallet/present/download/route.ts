// POST the chosen credentials (form field `credential`, repeated) here; answers the
// signed Verifiable Presentation as a JSON download (issue #13 §6), or sends the
// learner back to the page with an error code.
import { publicOrigin } from "@/server/request";
import { route } from "@/server/http";
import { presentationFor } from "@/server/presentation";

export const dynamic = "force-dynamic";

/** A form of up to 50 ids is a few kilobytes; nothing larger is read. */
const MAX_FORM_BYTES = 16 * 1024;

function back(code: string): Response {
  return new Response(null, {
    status: 303,
    headers: {
      location: `${publicOrigin()}/wallet/present?error=${encodeURIComponent(code)}`,
      "cache-control": "no-store",
    },
  });
}

export const POST = route(
  {
    auth: "learner",
    // Only a form posted from this app's own origin; anything else goes back to the page.
    sameOrigin: true,
    where: "presentation",
    forbidden: () => back("FORBIDDEN"),
    unauthenticated: () =>
      new Response(null, {
        status: 303,
        headers: { location: `${publicOrigin()}/sign-in?callbackUrl=${encodeURIComponent("/wallet/present")}` },
      }),
    onError: (failure) => back(failure.code),
  },
  async (req, { user }) => {
    const length = req.headers.get("content-length");
    if (length === null || !(Number(length) <= MAX_FORM_BYTES)) return back("PRESENTATION_TOO_LARGE");
    let chosen: string[];
    try {
      const form = await req.formData();
      chosen = form.getAll("credential").filter((v): v is string => typeof v === "string");
    } catch {
      return back("PRESENTATION_EMPTY");
    }
    const { filename, json } = await presentationFor(user, chosen);
    return new Response(json, {
      status: 200,
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
