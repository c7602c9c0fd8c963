// One-click unsubscribe from credential mail (issue #21 §3, RFC 8058). The link in each mail (and its
// List-Unsubscribe header) is /unsubscribe?t=<signed token>; no sign-in needed.
//   GET   a page saying what the button does, with an "Unsubscribe" button (a link opened by a mail
//         scanner changes nothing)
//   POST  turns "Email me about my credentials" off — from that button, or from the mail provider's
//         one-click POST (body "List-Unsubscribe=One-Click", from no page of ours: no same-origin check;
//         the signed token is what authorises it)
import { learnerWording } from "@/lib/errors";
import { route } from "@/server/http";
import { unsubscribe, unsubscribeTokenValid } from "@/server/reverify";

export const dynamic = "force-dynamic";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(status: number, title: string, body: string): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · Sash</title>
<style>body{font-family:system-ui,sans-serif;background:#fafaf9;color:#1c1917;margin:0}main{max-width:36rem;margin:4rem auto;padding:0 1rem}h1{font-size:1.5rem}button{font:inherit;background:#1c1917;color:#fff;border:0;border-radius:.375rem;padding:.5rem 1rem;cursor:pointer}a{color:#1d4ed8}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
    },
  });
}

function tokenOf(req: Request): string {
  return new URL(req.url).searchParams.get("t") ?? "";
}

const invalid = () =>
  page(400, "This link isn't valid", `<p>${escapeHtml(learnerWording("UNSUBSCRIBE_LINK_INVALID") ?? "")}</p>`);

export const GET = route({ auth: "public", sameOrigin: false, where: "unsubscribe", errors: "page" }, async (req) => {
  const token = tokenOf(req);
  if (!unsubscribeTokenValid(token)) return invalid();
  return page(
    200,
    "Stop emails about your credentials?",
    `<p>Sash emails you (at most once a day) when a credential in your wallet is revoked, expires, or will expire soon. Press the button to stop these emails.</p>
<form method="post" action="/unsubscribe?t=${encodeURIComponent(token)}"><button type="submit">Unsubscribe</button></form>
<p>You can turn them back on with “Email me about my credentials” on your <a href="/account">Account page</a>.</p>`,
  );
});

export const POST = route({ auth: "public", sameOrigin: false, where: "unsubscribe", errors: "page" }, async (req) => {
  if (!(await unsubscribe(tokenOf(req)))) return invalid();
  return page(
    200,
    "You're unsubscribed",
    `<p>Sash won't email you about your credentials any more. You can turn these emails back on with “Email me about my credentials” on your <a href="/account">Account page</a>.</p>`,
  );
});
