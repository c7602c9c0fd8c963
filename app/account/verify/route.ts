// Opening the link from a confirmation email (issue #11 §2): verifies the
// address once, re-checks all the learner's credentials, and goes to /account.
import { openConfirmationLink } from "@/server/account/pages";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const res = await openConfirmationLink(url.searchParams.get("token") ?? "");
  const to = res.ok ? "/account?verified=1" : `/account?link=${res.code}`;
  // A relative Location keeps the browser on the origin it used.
  return new Response(null, {
    status: 303,
    headers: { Location: to, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
}
