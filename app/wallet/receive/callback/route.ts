// The issuer's authorization server sends the learner back here (OID4VCI authorization code flow):
// the sealed pending state is checked against `state`, the code exchanged with the PKCE verifier,
// and the credential staged; the learner then reviews it on /wallet/receive like an upload.
import { route } from "@/server/http";
import { completeAuthorizationFor, PENDING_COOKIE } from "@/server/oid4vci";
import { publicOrigin } from "@/server/request";
import { isExposed } from "@/lib/errors";

export const dynamic = "force-dynamic";

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

function redirectTo(path: string): Response {
  return new Response(null, {
    status: 303,
    headers: {
      location: new URL(path, publicOrigin()).toString(),
      // Used once: the pending state goes whatever happened.
      "set-cookie": `${PENDING_COOKIE}=; Path=/wallet/receive; Max-Age=0; HttpOnly; SameSite=Lax`,
      "cache-control": "no-store",
    },
  });
}

export const GET = route(
  {
    auth: "learner",
    sameOrigin: false,
    where: "oid4vci-callback",
    errors: "page",
    unauthenticated: (req) =>
      Response.redirect(
        new URL(
          `/sign-in?callbackUrl=${encodeURIComponent(new URL(req.url).pathname + new URL(req.url).search)}`,
          publicOrigin(),
        ),
        303,
      ),
  },
  async (req, { user }) => {
    const params = new URL(req.url).searchParams;
    try {
      const result = await completeAuthorizationFor(user, cookieOf(req, PENDING_COOKIE), {
        code: params.get("code"),
        state: params.get("state"),
        error: params.get("error"),
      });
      if (result.kind === "duplicate") {
        return redirectTo(
          result.existing.kind === "record" ? `/wallet/r/${result.existing.id}` : `/wallet/c/${result.existing.id}`,
        );
      }
      return redirectTo(`/wallet/receive?staged=${encodeURIComponent(result.draft.uploadId)}`);
    } catch (e) {
      if (isExposed(e)) return redirectTo(`/wallet/receive?error=${encodeURIComponent(e.code)}`);
      throw e;
    }
  },
);
