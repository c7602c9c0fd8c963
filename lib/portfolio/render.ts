// The public portfolio page (/r/<slug>, issue #13 §5) as one static HTML
// document, like a credential's share page (lib/share/render.ts): no script at
// all, one inline stylesheet allowed by its hash, never indexed, and none of
// the learner's emails, recipient hashes or internal ids. Prints as a clean
// document (A4 or Letter) through the same stylesheet's print rules.
import { createHash } from "node:crypto";
import { html, trusted, type SafeHtml } from "../share/html";
import { redactPersonalData } from "../share/view";
import { formatTrustDate } from "../trust/present";
import { VERIFY_PATH } from "../share/url";
import type { PortfolioGroupView, PortfolioItemView, PortfolioView } from "./view";

export const PORTFOLIO_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1c1917;background:#fafaf9;overflow-wrap:anywhere}
a{color:#17563f}
a:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.site{border-bottom:1px solid #e7e5e4;background:#fff}
.site div,main{max-width:56rem;margin:0 auto;padding:0.75rem 1rem}
.site a{font-weight:700;font-size:1.25rem;text-decoration:none}
main{padding-top:1.5rem;padding-bottom:3rem}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 0.25rem}
h2{font-size:1.15rem;margin:1.5rem 0 0.5rem}
.lead{color:#44403c;margin:0 0 1rem}
.group{background:#fff;border:1px solid #e7e5e4;border-radius:0.75rem;padding:1rem;margin-bottom:1rem}
.group h2{margin-top:0}
.meta{color:#57534e;font-size:0.9rem;margin:0 0 0.5rem}
ul.items{list-style:none;padding:0;margin:0}
ul.items>li{padding:0.6rem 0;border-top:1px solid #f5f5f4}
ul.items>li:first-child{border-top:0}
h3{font-size:1rem;margin:0}
.ok{color:#166534}.failed{color:#b91c1c}.neutral{color:#57534e}
.status{font-weight:600}
ul.results,ul.skilllist{margin:0.25rem 0 0;padding-left:1.25rem}
.skills{color:#44403c;font-size:0.9rem;margin:0.25rem 0 0}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:0.35rem 0.5rem;border-bottom:1px solid #e7e5e4;vertical-align:top}
th.n,td.n{text-align:right;white-space:nowrap}
footer{max-width:56rem;margin:0 auto;padding:0 1rem 2rem;color:#57534e;font-size:0.875rem}
@page{margin:14mm}
@media print{
body{background:#fff;font-size:10pt;line-height:1.35}
.site,footer{display:none}
main{max-width:none;padding:0}
h1{font-size:16pt}
h2{font-size:12pt;margin:0 0 4pt;break-after:avoid}
.group{border:0;border-radius:0;padding:0;margin:0 0 8pt}
ul.items>li{padding:3pt 0;break-inside:avoid}
a{color:inherit;text-decoration:none}
table{font-size:9pt}
tr{break-inside:avoid}
}
`;

const cssHash = createHash("sha256").update(PORTFOLIO_CSS).digest("base64");

/** No script, no forms, no frames; only the stylesheet above (by hash) and images from this site. */
export const PORTFOLIO_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  `style-src 'sha256-${cssHash}'`,
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

function dateText(d: Date): SafeHtml {
  return html`<time datetime="${d.toISOString()}">${formatTrustDate(d)}</time>`;
}

function dates(issuedOn: Date | null, expires: Date | null, expired: boolean): SafeHtml[] {
  const out: SafeHtml[] = [];
  if (issuedOn) out.push(html`Issued ${dateText(issuedOn)}`);
  if (expires) out.push(html`${expired ? "Expired" : "Expires"} ${dateText(expires)}`);
  return out;
}

function joined(parts: Array<SafeHtml | string>): SafeHtml {
  return html`${parts.flatMap((p, i) => (i ? [" · ", p] : [p]))}`;
}

function item(i: PortfolioItemView, showIssuer: boolean): SafeHtml {
  const meta: Array<SafeHtml | string> = [];
  if (i.achievementType) meta.push(i.achievementType);
  if (showIssuer && i.issuerName) meta.push(html`Issued by ${i.issuerName}`);
  meta.push(...dates(i.issuedOn, i.expires, i.expired));
  return html`<li><h3>${i.title}</h3>
${meta.length ? html`<p class="meta">${joined(meta)}</p>` : ""}
<p class="${i.tone}"><span class="status">${i.status}</span> — ${redactPersonalData(i.summary.replace(/^(Not verified|Verified) — /, ""))}</p>
${i.results.length ? html`<ul class="results" aria-label="Results">${i.results.map((r) => html`<li>${r}</li>`)}</ul>` : ""}
${i.skills.length ? html`<p class="skills">Skills: ${i.skills.join(", ")}</p>` : ""}
</li>`;
}

function group(g: PortfolioGroupView, n: number): SafeHtml {
  const id = `group-${n}`;
  const lr = g.learnerRecord;
  const head = lr
    ? html`<p class="meta">Learner record${lr.issuerName ? html` · Issued by ${lr.issuerName}` : ""}${
        lr.issuedOn ? html` · ${dateText(lr.issuedOn)}` : ""
      }</p><p class="${lr.tone}"><span class="status">${lr.status}</span> — ${redactPersonalData(
        lr.summary.replace(/^(Not verified|Verified) — /, ""),
      )}</p>`
    : "";
  return html`<section class="group" aria-labelledby="${id}"><h2 id="${id}">${g.heading}</h2>${head}
${g.items.length ? html`<ul class="items">${g.items.map((i) => item(i, !!lr))}</ul>` : html`<p class="meta">No credentials filed under it.</p>`}
</section>`;
}

function skillsTable(view: PortfolioView): SafeHtml {
  if (!view.skills.length) return html``;
  return html`<section aria-labelledby="skills-heading"><h2 id="skills-heading">Skills</h2>
<table><caption class="meta">How many credentials support each skill, and how many of those are verified.</caption>
<thead><tr><th scope="col">Skill</th><th scope="col" class="n">Credentials</th><th scope="col" class="n">Verified</th></tr></thead>
<tbody>${view.skills.map(
    (s) =>
      html`<tr><th scope="row">${s.name}</th><td class="n">${s.credentials}</td><td class="n">${s.verified}</td></tr>`,
  )}</tbody></table></section>`;
}

export function renderPortfolioPage(view: PortfolioView): string {
  const t = view.totals;
  const title = `${view.learnerName || "Learner"} — learner record`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Sash</title>
<meta name="robots" content="noindex, nofollow">
<style>${trusted(PORTFOLIO_CSS)}</style>
</head>
<body>
<header class="site"><div><a href="/">Sash</a></div></header>
<main>
<h1>${title}</h1>
<p class="lead">${t.credentials} ${t.credentials === 1 ? "credential" : "credentials"} from ${t.issuers} ${
    t.issuers === 1 ? "issuer" : "issuers"
  }${t.learnerRecords ? ` and ${t.learnerRecords} learner ${t.learnerRecords === 1 ? "record" : "records"}` : ""}; ${t.verified} verified.</p>
${view.groups.map((g, n) => group(g, n))}
${skillsTable(view)}
</main>
<footer><p>Shared from Sash, an open-source learner credential wallet. "Verified" means Sash confirmed the issuer's signature or hosted copy and that the credential still holds.</p><p><a href="${VERIFY_PATH}">Check any credential</a> with Sash's public verifier.</p></footer>
</body>
</html>
`.value;
}
