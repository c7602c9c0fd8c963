// Security headers for every app page (set by proxy.ts). The public share pages
// (/c/...) are route handlers with a stricter policy of their own (lib/share/render.ts).

/** A fresh, unguessable nonce for one response's scripts. */
export function newNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The app's Content-Security-Policy. Scripts: only those carrying this response's nonce
 * (Next.js puts it on its own script tags) and what they load ('strict-dynamic').
 * Style attributes stay allowed (progress bars use them); images may come from the
 * issuers' https sites, as badge images do.
 */
export function appCsp(nonce: string, opts: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Sent with every app response alongside the CSP. */
export const APP_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

/**
 * The CSP of a learner's stored file served byte for byte (an uploaded badge picture, SVG
 * included, or a payload): nothing in it may run, load anything or be framed; inline styles stay
 * allowed (SVG badges use them). Issue #6 §6, #25 §5d.
 */
export const STORED_FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

/** The routes that serve stored files as they were uploaded (app/wallet/c/[id]/file, app/wallet/r/[id]/file). */
const STORED_FILE_PATH = /^\/wallet\/[cr]\/[^/]+\/file\/?$/;

export function isStoredFilePath(pathname: string): boolean {
  return STORED_FILE_PATH.test(pathname);
}

/**
 * The security headers proxy.ts puts on the response to `pathname`. They win over a route
 * handler's own: Next.js applies the proxy's response headers first and then adds only those
 * headers of the handler's Response that aren't set yet (next/dist/server/send-response.js). So a
 * stored file gets its own STORED_FILE_CSP here — never the app's policy, which would allow
 * same-origin loads from an uploaded SVG — and every other app response the app's `csp`.
 */
export function securityHeadersFor(pathname: string, csp: string): Record<string, string> {
  return {
    "Content-Security-Policy": isStoredFilePath(pathname) ? STORED_FILE_CSP : csp,
    ...APP_SECURITY_HEADERS,
  };
}
