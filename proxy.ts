// Runs before every app request (Next.js 16's proxy, formerly middleware): a fresh
// CSP nonce per response, passed to the render through the request's
// Content-Security-Policy header (Next.js reads the nonce from there and puts it on
// its scripts), and the security headers on the response. The public share routes
// (/c/... and the learner record's /r/...), the public verifier (/verify, issue #20 §6)
// and static assets are left out: those pages carry a stricter policy of their own.
import { NextResponse, type NextRequest } from "next/server";
import { appCsp, newNonce, securityHeadersFor } from "@/lib/security/headers";
import { unavailableResponse } from "@/lib/http/unavailable";

const g = globalThis as unknown as { __sashDbHealth?: { downSince: number | null } };

export function proxy(request: NextRequest) {
  // While the database is unreachable (server/db-health.ts), pages get one clear 503 at once.
  if (g.__sashDbHealth?.downSince != null && request.method === "GET" && request.nextUrl.pathname !== "/api/health") {
    return unavailableResponse();
  }
  const nonce = newNonce();
  const csp = appCsp(nonce, { dev: process.env.NODE_ENV !== "production" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  // A stored file (an uploaded SVG…) gets its own default-src 'none' policy, never the app's.
  for (const [name, value] of Object.entries(securityHeadersFor(request.nextUrl.pathname, csp)))
    response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|c/|r/|verify$).*)",
    },
  ],
};
