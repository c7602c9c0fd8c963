// The public share page as one static HTML document: no client JavaScript at
// all, one inline stylesheet allowed by its hash, so the Content-Security-Policy
// can forbid every script (issue #7 §5). Every badge-supplied string goes
// through the escaping `html` tag; Markdown through lib/share/markdown.ts.
import { createHash } from "node:crypto";
import { html, trusted, type SafeHtml } from "./html";
import type { ShareVerificationView, ShareView } from "./view";
import { CREDENTIAL_PLACEHOLDER_PATH, VERIFY_PATH } from "./url";

export const SHARE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.55 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1c1917;background:#fafaf9;overflow-wrap:anywhere}
a{color:#17563f}
a:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.site{border-bottom:1px solid #e7e5e4;background:#fff}
.site div,main{max-width:56rem;margin:0 auto;padding:0.75rem 1rem}
.site a{font-weight:700;font-size:1.25rem;text-decoration:none}
main{padding-top:1.5rem;padding-bottom:3rem}
.card{background:#fff;border:1px solid #e7e5e4;border-radius:0.75rem;padding:1.25rem;margin-bottom:1rem}
.top{display:flex;flex-wrap:wrap;gap:1.25rem;align-items:flex-start}
.badge{width:10rem;height:10rem;object-fit:contain;flex:none}
.top>div{flex:1 1 16rem;min-width:0}
h1{font-size:1.6rem;line-height:1.25;margin:0.25rem 0 0.5rem}
h2{font-size:1.1rem;margin:0 0 0.5rem}
.card h2+*{margin-top:0}
.held{margin:0 0 0.25rem;color:#44403c}
.tag{display:inline-block;font-size:0.8rem;font-weight:600;border-radius:999px;padding:0.1rem 0.6rem;background:#f5f5f4;border:1px solid #d6d3d1;color:#44403c}
.prose{max-height:40rem;overflow:auto}
.prose p,.prose ul,.prose ol{margin:0 0 0.75rem}
.prose pre{white-space:pre-wrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:0.25rem 1rem;margin:0 0 1rem}
dl.facts dt{font-weight:600;color:#44403c}
dl.facts dd{margin:0;min-width:0}
.issuer{display:flex;gap:0.75rem;align-items:center}
.issuer img{width:3rem;height:3rem;object-fit:contain}
ul.skills{list-style:none;display:flex;flex-wrap:wrap;gap:0.5rem;padding:0;margin:0}
ul.skills li{background:#dcebe5;color:#114231;border-radius:999px;padding:0.15rem 0.75rem;font-size:0.9rem}
ul.checks{list-style:none;padding:0;margin:0.5rem 0 0}
ul.checks li{padding:0.4rem 0;border-top:1px solid #f5f5f4}
.pass{color:#166534}.fail{color:#b91c1c}.warn{color:#92400e}.skip{color:#57534e}
.result{font-weight:700;margin:0}
ul.statements{list-style:none;padding:0;margin:0.5rem 0}
ul.statements li{padding:0.2rem 0}
.checked,.note{color:#57534e;font-size:0.875rem;margin:0.25rem 0}
.holder{margin:0 0 0.25rem;color:#44403c;font-style:italic}
.actions{display:flex;flex-wrap:wrap;gap:0.75rem}
.button{display:inline-block;padding:0.55rem 1rem;border-radius:0.5rem;border:1px solid #17563f;text-decoration:none;font-weight:600}
.button.primary{background:#17563f;color:#fff}
footer{max-width:56rem;margin:0 auto;padding:0 1rem 2rem;color:#57534e;font-size:0.875rem}
`;

const cssHash = createHash("sha256").update(SHARE_CSS).digest("base64");

/**
 * No script may run (JSON-LD is a data block, which CSP neither executes nor
 * blocks); the only stylesheet is the inline one above, allowed by hash; images
 * from this site or over https (issuer logos, hosted badge images; never http:,
 * which would be mixed content a network observer can read or swap — issue #25
 * §5b — lib/share/view.ts leaves such images out); no forms, frames, plugins or
 * <base>.
 */
export const SHARE_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  `style-src 'sha256-${cssHash}'`,
  "img-src 'self' https:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

function dateText(date: Date): SafeHtml {
  return html`<time datetime="${date.toISOString()}">${dateFormat.format(date)}</time>`;
}

function head(view: ShareView): SafeHtml {
  const heading = `${view.title} — ${view.learnerName}`;
  return html`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading} · Sash</title>
<meta name="description" content="${view.metaDescription}">
<meta name="robots" content="${view.indexable ? "index, follow" : "noindex, nofollow"}">
<link rel="canonical" href="${view.url}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="Sash">
<meta property="og:title" content="${heading}">
<meta property="og:description" content="${view.metaDescription}">
<meta property="og:url" content="${view.url}">
<meta property="og:image" content="${view.ogImageUrl}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="${view.title}, held by ${view.learnerName}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${heading}">
<meta name="twitter:description" content="${view.metaDescription}">
<meta name="twitter:image" content="${view.ogImageUrl}">
<style>${trusted(SHARE_CSS)}</style>
<script type="application/ld+json">${trusted(view.jsonLd)}</script>
</head>`;
}

const siteHeader = html`<header class="site"><div><a href="/">Sash</a></div></header>`;

function link(href: string, text: string): SafeHtml {
  return html`<a href="${href}" rel="nofollow noopener">${text}</a>`;
}

/**
 * The Verification section: the summary, the plain statements and every check, in
 * lib/trust/words.ts's words. The share page and the public verifier (/verify) both
 * show it; `heading` and `id` tell several apart on one page (a presentation's own
 * proof and each credential in it).
 */
export function verificationSection(
  v: ShareVerificationView | null,
  opts: { heading?: string; id?: string; level?: 2 | 3; extra?: SafeHtml | string } = {},
): SafeHtml {
  const id = opts.id ?? "verification-heading";
  const heading = opts.heading ?? "Verification";
  let body: SafeHtml;
  if (!v) {
    body = html`<p class="result skip">Not verified</p>`;
  } else {
    // Red only for what is proven wrong; "not confirmed" is neutral (issue #11 §3).
    const cls = v.tone === "ok" ? "pass" : v.tone === "failed" ? "fail" : "skip";
    const statements = v.statements.length
      ? html`<ul class="statements" aria-label="What was checked">${v.statements.map(
          (s) =>
            html`<li><strong>${s.label}</strong>: <span class="${s.tone === "ok" ? "pass" : s.tone === "failed" ? "fail" : "skip"}">${s.text}</span></li>`,
        )}</ul>`
      : "";
    const checks = v.checks.length
      ? html`<ul class="checks" aria-label="Verification checks">${v.checks.map(
          (c) =>
            html`<li><strong>${c.label}</strong>: <span class="${c.status}">${c.statusWord}</span>${c.message ? html` — ${c.message}` : ""}</li>`,
        )}</ul>`
      : "";
    body = html`<p class="result ${cls}">${v.summary}</p>${statements}<p class="checked">${
      v.checkedAt ? html`Last checked ${dateText(v.checkedAt)}` : "Not checked yet"
    }</p>${checks}`;
  }
  const h = opts.level === 3 ? html`<h3 id="${id}">${heading}</h3>` : html`<h2 id="${id}">${heading}</h2>`;
  return html`<section class="card" aria-labelledby="${id}">${h}${opts.extra ?? ""}${body}</section>`;
}

function verification(view: ShareView): SafeHtml {
  return verificationSection(view.verification);
}

/** Issue #13: results, evidence and endorsements, each a card when there is something to show. */
function achievementCards(view: ShareView): SafeHtml {
  const a = view.achievement;
  const results = a.results.length
    ? html`<section class="card" aria-labelledby="results-heading"><h2 id="results-heading">Results</h2><ul>${a.results.map((r) => html`<li>${r}</li>`)}</ul></section>`
    : "";
  const evidence = a.evidence.length
    ? html`<section class="card" aria-labelledby="evidence-heading"><h2 id="evidence-heading">Evidence</h2><ul>${a.evidence.map(
        (e) => {
          const label =
            e.name ?? e.description ?? (e.narrative ? e.narrative.slice(0, 200) : null) ?? e.id ?? "Evidence";
          const detail =
            e.name && e.description ? html`<span class="note"> — ${e.description.slice(0, 500)}</span>` : "";
          return html`<li>${e.id ? link(e.id, label) : label}${detail}</li>`;
        },
      )}</ul></section>`
    : "";
  const endorsements = a.endorsements.length
    ? html`<section class="card" aria-labelledby="endorsements-heading"><h2 id="endorsements-heading">Endorsements</h2><ul class="checks">${a.endorsements.map(
        (e) =>
          html`<li><strong>${e.by}</strong> (of ${e.of}) — <span class="${e.status === "verified" ? "pass" : "skip"}">${e.statusText}</span>${
            e.comment ? html`<blockquote>${e.comment}</blockquote>` : ""
          }${e.reason && e.status !== "verified" ? html`<p class="note">${e.reason}</p>` : ""}</li>`,
      )}</ul></section>`
    : "";
  return html`${results}${evidence}${endorsements}`;
}

function page(view: ShareView): SafeHtml {
  const { issuer } = view;
  const facts = [
    view.achievement.type ? html`<dt>Type</dt><dd>${view.achievement.type}</dd>` : "",
    view.issuedOn ? html`<dt>Issued</dt><dd>${dateText(view.issuedOn)}</dd>` : "",
    view.expires ? html`<dt>${view.expired ? "Expired" : "Expires"}</dt><dd>${dateText(view.expires)}</dd>` : "",
  ];
  const hasFacts = !!(view.issuedOn || view.expires || view.achievement.type);
  return html`<!DOCTYPE html>
<html lang="en">
${head(view)}
<body>
${siteHeader}
<main>
<article>
<div class="card top">
${view.image ? html`<img class="badge" src="${view.image.src}" alt="${view.image.alt}" width="160" height="160">` : html`<img class="badge" src="${CREDENTIAL_PLACEHOLDER_PATH}" alt="" width="160" height="160">`}
<div>
${view.external ? html`<span class="tag">External</span>` : ""}
<h1>${view.title}</h1>
${view.holderTitle ? html`<p class="holder">Title given by ${view.learnerName}: ${view.holderTitle}</p>` : ""}
<p class="held">Held by <strong>${view.learnerName}</strong></p>
${issuer.name ? html`<p class="held">Issued by ${issuer.url ? link(issuer.url, issuer.name) : issuer.name}</p>` : ""}
</div>
</div>
<section class="card" aria-labelledby="about-heading">
<h2 id="about-heading">About this credential</h2>
${hasFacts ? html`<dl class="facts">${facts}</dl>` : ""}
${view.descriptionHtml ? html`<h3>Description</h3><div class="prose">${trusted(view.descriptionHtml)}</div>` : ""}
${view.holderDescriptionHtml ? html`<h3>Description given by ${view.learnerName}</h3><div class="prose">${trusted(view.holderDescriptionHtml)}</div>` : ""}
</section>
${
  view.criteriaHtml || view.criteriaUrl
    ? html`<section class="card" aria-labelledby="criteria-heading"><h2 id="criteria-heading">Criteria</h2>${
        view.criteriaHtml ? html`<div class="prose">${trusted(view.criteriaHtml)}</div>` : ""
      }${view.criteriaUrl ? html`<p>${link(view.criteriaUrl, "Criteria published by the issuer")}</p>` : ""}</section>`
    : ""
}
${
  issuer.name || issuer.url || issuer.imageSrc
    ? html`<section class="card" aria-labelledby="issuer-heading"><h2 id="issuer-heading">Issuer</h2><div class="issuer">${
        issuer.imageSrc
          ? html`<img src="${issuer.imageSrc}" alt="${issuer.name ?? "Issuer"} logo" width="48" height="48">`
          : ""
      }<div><p class="held">${issuer.name ?? "Unnamed issuer"}</p>${issuer.url ? html`<p class="held">${link(issuer.url, issuer.url)}</p>` : ""}</div></div></section>`
    : ""
}
${
  view.skills.length
    ? html`<section class="card" aria-labelledby="skills-heading"><h2 id="skills-heading">Skills</h2><ul class="skills">${view.skills.map((s) => html`<li>${s}</li>`)}</ul></section>`
    : ""
}
${achievementCards(view)}
${verification(view)}
<div class="card actions">
${
  view.download
    ? html`<a class="button primary" href="${view.download.href}" download="${view.download.filename}">Download badge</a>${
        view.download.kind === "image"
          ? html`<span class="note">The image only: the badge data inside the issuer's file shows the address it was issued to.</span>`
          : ""
      }`
    : ""
}
<a class="button" href="${view.linkedInUrl}" rel="nofollow noopener" target="_blank">Add to LinkedIn profile</a>
</div>
<p class="note"><a href="${VERIFY_PATH}">Check any credential</a> with Sash's public verifier.</p>
</article>
</main>
<footer><p>Shared from Sash, an open-source learner credential wallet.</p></footer>
</body>
</html>
`;
}

export function renderSharePage(view: ShareView): string {
  return page(view).value;
}

export function renderShareNotFound(): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Link not found · Sash</title>
<style>${trusted(SHARE_CSS)}</style>
</head>
<body>
${siteHeader}
<main><h1>Link not found</h1><p>This share link doesn’t exist, or its owner has turned it off.</p></main>
</body>
</html>
`.value;
}
