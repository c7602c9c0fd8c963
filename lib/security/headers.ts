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
