// Web pages as job sites publish them, for the /jobs/check, `sash fit --posting` and
// `sash import-jobs <url>` tests: a posting's page with schema.org JobPosting JSON-LD in its
// <head> (the way Google for Jobs asks for it), a careers page linking to postings, and
// sitemaps (sitemaps.org 0.9). Built here so every test shares one shape.

export interface PagePosting {
  id: string;
  title: string;
  employer?: string;
  skills?: string[] | string;
  description?: string;
  /** Absolute or relative; omitted → the page's own address stands in. */
  url?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A schema.org JobPosting node. */
export function jobPostingNode(p: PagePosting): Record<string, unknown> {
  return {
    "@type": "JobPosting",
    title: p.title,
    identifier: { "@type": "PropertyValue", name: "test-board", value: p.id },
    hiringOrganization: { "@type": "Organization", name: p.employer ?? "Northwind Health" },
    datePosted: "2026-11-20",
    description: p.description ?? `<p>Join us as ${esc(p.title)}.</p>`,
    ...(p.skills !== undefined ? { skills: p.skills } : {}),
    ...(p.url !== undefined ? { url: p.url } : {}),
  };
}

/** An HTML page: JSON-LD blocks (raw strings, so tests can break them) in <head>, then a body. */
export function htmlPage(opts: { title?: string; jsonLd?: string[]; body?: string; head?: string }): string {
  const blocks = (opts.jsonLd ?? []).map((b) => `<script type="application/ld+json">${b}</script>`).join("\n    ");
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>${esc(opts.title ?? "Careers")}</title>
    <style>.hidden { display: none } body::before { content: "Kubernetes" }</style>
    <script>window.analytics = { track: "Salesforce Tableau" };</script>
    ${opts.head ?? ""}
    ${blocks}
  </head>
  <body>
    <nav><a href="/">Home</a> <a href="/about">About us</a></nav>
    <main>${opts.body ?? ""}</main>
  </body>
</html>`;
}

/** A posting's own page, its JobPosting in one JSON-LD block (with its organisation beside it in a @graph). */
export function postingPage(p: PagePosting): string {
  const block = JSON.stringify({
    "@context": "https://schema.org",
    "@graph": [{ "@type": "Organization", "@id": "#org", name: p.employer ?? "Northwind Health" }, jobPostingNode(p)],
  });
  return htmlPage({
    title: `${p.title} — careers`,
    jsonLd: [block],
    body: `<h1>${esc(p.title)}</h1><div>${p.description ?? ""}</div>`,
  });
}

/** A careers page: one link per posting, plus the site's own navigation and some off-site links. */
export function careersPage(links: string[], extra = ""): string {
  return htmlPage({
    title: "Open positions",
    body: `<h1>Open positions</h1><ul>${links.map((l, i) => `<li><a href="${esc(l)}">Opening ${i + 1}</a></li>`).join("")}</ul>${extra}`,
  });
}

/** A sitemaps.org <urlset>. */
export function sitemap(urls: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `  <url><loc>${esc(u)}</loc><lastmod>2026-11-20</lastmod></url>`).join("\n")}
</urlset>`;
}

/** A sitemaps.org <sitemapindex>. */
export function sitemapIndex(sitemaps: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${sitemaps.map((u) => `  <sitemap><loc>${esc(u)}</loc></sitemap>`).join("\n")}
</sitemapindex>`;
}

/** A posting written as prose, the way a learner pastes it. */
export const PASTED_POSTING = `Junior Data Analyst — Riverside Council

About the role
You'll turn the council's service data into decisions. In other words, you will excel at asking good questions.

What you'll need
• Advanced Microsoft Excel (pivot tables)
• Writing SQL queries against our data warehouse
• Data visualisation: dashboards in Tableau
• Statistics
• Clear written communication with non-specialists

Nice to have: Python.`;

/**
 * What the matcher finds in PASTED_POSTING with the shipped library, by label, in order of first
 * mention. "Writing" (from "Writing SQL queries") is the kind of mistake the learner unticks.
 */
export const PASTED_POSTING_SKILLS = [
  "Microsoft Excel",
  "Excel pivot tables",
  "Writing",
  "SQL",
  "Data warehousing",
  "Data visualization",
  "Dashboard design",
  "Tableau",
  "Statistics",
  "Written communication",
  "Python",
];
