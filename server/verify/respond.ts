// HTTP for the public verifier (/verify): the form (GET) and a check (POST), each a
// whole static page with VERIFY_CSP. A failure is shown on the page in the visitor's
// words with its status (an unexpected one under a reference, details in the log).
import "server-only";
import { getDb } from "@/server/db";
import { appFetcher, configuredIssuerRegistries } from "@/server/net";
import { publicOrigin } from "@/server/request/origin";
import { clientAddressFrom } from "@/server/request/client-address";
import { toPublicFailure, type PublicFailure } from "@/server/errors";
import { renderVerifyPage, VERIFY_CSP, type VerifyPageState } from "./page";
import { readVerifyForm, verifySubmission } from "./submit";

export function verifyPageResponse(state: VerifyPageState = {}, status = 200): Response {
  return new Response(renderVerifyPage(state), {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": VERIFY_CSP,
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      // Not "no-referrer": with it, a browser sends "Origin: null" on the form's POST and the same-origin check refuses it.
      "Referrer-Policy": "same-origin",
      // What was checked is the visitor's: never kept by a cache.
      "Cache-Control": "no-store",
    },
  });
}

/** The page for a failure the route wrapper caught (or a request from another origin). */
export function verifyFailurePage(failure: Pick<PublicFailure, "code" | "message" | "status">): Response {
  return verifyPageResponse({ error: { code: failure.code, message: failure.message } }, failure.status);
}

export async function verifyPost(req: Request): Promise<Response> {
  let text = "";
  let email = "";
  try {
    const form = await readVerifyForm(req);
    text = form.text ?? "";
    email = form.email ?? "";
    const result = await verifySubmission(form, {
      db: await getDb(),
      clientAddress: clientAddressFrom((name) => req.headers.get(name)),
      origin: publicOrigin(),
      fetcher: appFetcher(),
      registries: await configuredIssuerRegistries(),
    });
    return verifyPageResponse({ text, email, result });
  } catch (e) {
    const failure = toPublicFailure(e, "verify");
    return verifyPageResponse({ text, email, error: { code: failure.code, message: failure.message } }, failure.status);
  }
}
