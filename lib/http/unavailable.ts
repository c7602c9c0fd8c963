// The page Sash answers with (503) while its database can't be reached: static
// HTML, no scripts, one message said once.
import { DATABASE_UNAVAILABLE_MESSAGE } from "../errors";

export const UNAVAILABLE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const UNAVAILABLE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Sash is unavailable</title>
<style>body{font-family:system-ui,sans-serif;background:#fafaf9;color:#1c1917;margin:0}main{max-width:36rem;margin:4rem auto;padding:0 1rem}h1{font-size:1.5rem}</style>
</head><body><main><h1>${DATABASE_UNAVAILABLE_MESSAGE}</h1></main></body></html>`;

export function unavailableResponse(): Response {
  return new Response(UNAVAILABLE_HTML, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": UNAVAILABLE_CSP,
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Cache-Control": "no-store",
      "Retry-After": "60",
    },
  });
}
