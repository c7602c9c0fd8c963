// The public verifier's page (/verify, issue #20 §6) as one static HTML document, like
// a share page: no script at all, one inline stylesheet allowed by its hash, a form
// that posts back to /verify only. The result is the share page's own Verification
// section (lib/share/render.ts verificationSection), in the same words.
import { createHash } from "node:crypto";
import { html, trusted, type SafeHtml } from "@/lib/share/html";
import { SHARE_CSS, verificationSection } from "@/lib/share/render";
import { megabytes } from "@/lib/badges/limits";
import { MAX_UPLOAD_BYTES } from "@/lib/wallet/rules";
import type { CredentialVerdict, VerifierResult } from "./service";

export const VERIFY_CSS = `${SHARE_CSS}
form.card{display:flex;flex-direction:column;gap:0.35rem}
form label{font-weight:600;margin-top:0.75rem}
form label:first-child{margin-top:0}
input[type=file],input[type=email],textarea{font:inherit;width:100%;max-width:100%;padding:0.5rem;border:1px solid #78716c;border-radius:0.5rem;background:#fff;color:#1c1917}
textarea{min-height:7rem;resize:vertical;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:0.875rem}
input:focus-visible,textarea:focus-visible,button:focus-visible{outline:3px solid #b45309;outline-offset:2px}
button{font:inherit;font-weight:600;margin-top:1rem;align-self:flex-start;padding:0.6rem 1.5rem;border-radius:0.5rem;border:1px solid #17563f;background:#17563f;color:#fff;cursor:pointer}
.error{border-color:#b91c1c;background:#fef2f2;color:#7f1d1d}
.lead{color:#44403c;margin:0 0 1rem}
h3{font-size:1rem;margin:0 0 0.5rem}
`;

const cssHash = createHash("sha256").update(VERIFY_CSS).digest("base64");

/** Like a share page's: no script, the one stylesheet by hash, images only from here or https, forms post back here only. */
export const VERIFY_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  `style-src 'sha256-${cssHash}'`,
  "img-src 'self' https:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export interface VerifyPageState {
  /** What was pasted and the email given, filled back in after a check (a file can't be). */
  text?: string;
  email?: string;
  result?: VerifierResult | null;
  /** A coded error in the visitor's words. */
  error?: { code: string; message: string } | null;
}

function form(state: VerifyPageState): SafeHtml {
  return html`<form class="card" method="post" action="/verify" enctype="multipart/form-data">
<label for="verify-file">Credential file</label>
<p class="note" id="verify-file-hint">A badge image (PNG or SVG), a credential as JSON or a signed token (JWT), or a Sash presentation (JSON). Up to ${megabytes(MAX_UPLOAD_BYTES)}.</p>
<input id="verify-file" name="file" type="file" accept=".png,.svg,.json,.jwt,.txt,image/png,image/svg+xml,application/json,application/jwt,text/plain" aria-describedby="verify-file-hint">
<label for="verify-text">Or paste a credential, a presentation or a share link</label>
<textarea id="verify-text" name="text" rows="6" spellcheck="false" autocomplete="off">${state.text ?? ""}</textarea>
<label for="verify-email">Issued to (email)</label>
<p class="note" id="verify-email-hint">Optional: the address you expect it was issued to. Sash says whether it matches.</p>
<input id="verify-email" name="email" type="email" autocomplete="off" value="${state.email ?? ""}" aria-describedby="verify-email-hint">
<button type="submit">Verify</button>
</form>`;
}

function facts(v: CredentialVerdict): SafeHtml {
  return html`${v.title ? html`<p class="held"><strong>${v.title}</strong></p>` : ""}${
    v.issuerName ? html`<p class="held">Issued by ${v.issuerName}</p>` : ""
  }`;
}

function result(r: VerifierResult): SafeHtml {
  if (r.kind === "credential") {
    const nested = r.nested.map((n, i) =>
      verificationSection(n.view, {
        heading: `Credential ${i + 1} in this record${n.title ? `: ${n.title}` : ""}`,
        id: `nested-${i + 1}-heading`,
        extra: facts(n),
      }),
    );
    return html`${verificationSection(r.verdict.view, { extra: facts(r.verdict) })}${nested}`;
  }
  const p = r.presentation;
  const cls = p.state === "verified" ? "pass" : p.state === "failed" ? "fail" : "skip";
  const own = html`<section class="card" aria-labelledby="presentation-heading"><h2 id="presentation-heading">Presentation</h2>${
    p.holder ? html`<p class="held">Holder: ${p.holder}</p>` : ""
  }<p class="result ${cls}">${p.summary}</p><ul class="checks" aria-label="Presentation checks">${p.checks.map(
    (c) =>
      html`<li><strong>${c.label}</strong>: <span class="${c.status}">${c.statusWord}</span>${c.message ? html` — ${c.message}` : ""}</li>`,
  )}</ul></section>`;
  const each = r.credentials.map((c, i) =>
    verificationSection(c.view, {
      heading: `Credential ${i + 1}${c.title ? `: ${c.title}` : ""}`,
      id: `credential-${i + 1}-heading`,
      extra: facts(c),
    }),
  );
  return html`${own}${each}`;
}

export function renderVerifyPage(state: VerifyPageState = {}): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Check a credential · Sash</title>
<meta name="description" content="Check a digital badge or credential against what its issuer published. Nothing you give is stored.">
<style>${trusted(VERIFY_CSS)}</style>
</head>
<body>
<header class="site"><div><a href="/">Sash</a></div></header>
<main>
<h1>Check a credential</h1>
<p class="lead">Sash checks an Open Badge, a verifiable credential or a Sash presentation against what its issuer published: who issued it, that nothing in it was changed, and that it still holds. No sign-in; nothing you give here is stored.</p>
${state.error ? html`<div class="card error" role="alert"><p class="result">${state.error.message}</p></div>` : ""}
${form(state)}
${state.result ? result(state.result) : ""}
</main>
<footer><p>Sash, an open-source learner credential wallet.</p></footer>
</body>
</html>
`.value;
}
