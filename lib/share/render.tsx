// The public share page as one static HTML document: no client JavaScript at
// all, one inline stylesheet allowed by its hash, so the Content-Security-Policy
// can forbid every script (issue #7 §5).
import { createHash } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import type { ShareView } from "./view";

export const SHARE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.55 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1c1917;background:#fafaf9;overflow-wrap:anywhere}
a{color:#17563f}
a:focus-visible{outline:3px solid #b45309;outline-offset:2px}
header.site{border-bottom:1px solid #e7e5e4;background:#fff}
header.site div,main{max-width:56rem;margin:0 auto;padding:0.75rem 1rem}
header.site a{font-weight:700;font-size:1.25rem;text-decoration:none}
main{padding-top:1.5rem;padding-bottom:3rem}
.card{background:#fff;border:1px solid #e7e5e4;border-radius:0.75rem;padding:1.25rem;margin-bottom:1rem}
.top{display:flex;flex-wrap:wrap;gap:1.25rem;align-items:flex-start}
.badge{width:10rem;height:10rem;object-fit:contain;flex:none}
.top>div{flex:1 1 16rem;min-width:0}
h1{font-size:1.6rem;line-height:1.25;margin:0.25rem 0 0.5rem}
h2{font-size:1.1rem;margin:0 0 0.5rem}
.held{margin:0;color:#44403c}
.tag{display:inline-block;font-size:0.8rem;font-weight:600;border-radius:999px;padding:0.1rem 0.6rem;background:#f5f5f4;border:1px solid #d6d3d1;color:#44403c}
.prose{max-height:40rem;overflow:auto}
.prose p{margin:0 0 0.75rem}
.prose pre{white-space:pre-wrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:0.25rem 1rem;margin:0}
dl.facts dt{font-weight:600;color:#44403c}
dl.facts dd{margin:0;min-width:0}
.issuer{display:flex;gap:0.75rem;align-items:center}
.issuer img{width:3rem;height:3rem;object-fit:contain}
ul.skills{list-style:none;display:flex;flex-wrap:wrap;gap:0.5rem;padding:0;margin:0}
ul.skills li{background:#dcebe5;color:#114231;border-radius:999px;padding:0.15rem 0.75rem;font-size:0.9rem}
ul.checks{list-style:none;padding:0;margin:0.5rem 0 0}
ul.checks li{padding:0.4rem 0;border-top:1px solid #f5f5f4}
.pass{color:#166534}.fail{color:#b91c1c}.warn{color:#92400e}.skip{color:#57534e}
.result{font-weight:700}
.actions{display:flex;flex-wrap:wrap;gap:0.75rem}
.button{display:inline-block;padding:0.55rem 1rem;border-radius:0.5rem;border:1px solid #17563f;text-decoration:none;font-weight:600}
.button.primary{background:#17563f;color:#fff}
footer{max-width:56rem;margin:0 auto;padding:0 1rem 2rem;color:#57534e;font-size:0.875rem}
`;

const cssHash = createHash("sha256").update(SHARE_CSS).digest("base64");

/**
 * No script may run (JSON-LD is a data block, which CSP does not execute or block);
 * the only stylesheet is the inline one above; images from this site or http(s)
 * (issuer logos, hosted badge images); no forms, frames, plugins or <base>.
 */
export const SHARE_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  `style-src 'sha256-${cssHash}'`,
  "img-src 'self' https: http:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

function DateText({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{dateFormat.format(date)}</time>;
}

function Head({ view }: { view: ShareView }) {
  const pageTitle = `${view.title} — ${view.learnerName} · Sash`;
  const ogDescription = view.metaDescription;
  return (
    <head>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{pageTitle}</title>
      <meta name="description" content={ogDescription} />
      <meta name="robots" content={view.indexable ? "index, follow" : "noindex, nofollow"} />
      <meta name="referrer" content="strict-origin-when-cross-origin" />
      <link rel="canonical" href={view.url} />
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content="Sash" />
      <meta property="og:title" content={`${view.title} — ${view.learnerName}`} />
      <meta property="og:description" content={ogDescription} />
      <meta property="og:url" content={view.url} />
      <meta property="og:image" content={view.ogImageUrl} />
      <meta property="og:image:type" content="image/png" />
      <meta property="og:image:width" content="1200" />
      <meta property="og:image:height" content="630" />
      <meta property="og:image:alt" content={`${view.title}, held by ${view.learnerName}`} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={`${view.title} — ${view.learnerName}`} />
      <meta name="twitter:description" content={ogDescription} />
      <meta name="twitter:image" content={view.ogImageUrl} />
      <style dangerouslySetInnerHTML={{ __html: SHARE_CSS }} />
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: view.jsonLd }} />
    </head>
  );
}

function SiteHeader() {
  return (
    <header className="site">
      <div>
        <a href="/">Sash</a>
      </div>
    </header>
  );
}

function Verification({ view }: { view: ShareView }) {
  const v = view.verification;
  return (
    <section className="card" aria-labelledby="verification-heading">
      <h2 id="verification-heading">Verification</h2>
      {!v ? (
        <p className="result skip">Not verified</p>
      ) : (
        <>
          <p className={`result ${v.result === "valid" ? "pass" : v.result === "invalid" ? "fail" : "warn"}`}>
            {v.summary}
            {v.checkedAt ? (
              <span className="skip">
                {" "}
                (checked <DateText date={v.checkedAt} />)
              </span>
            ) : null}
          </p>
          {v.checks.length ? (
            <ul className="checks" aria-label="Verification checks">
              {v.checks.map((c, i) => (
                <li key={`${c.id}-${i}`}>
                  <strong>{c.label}</strong>: <span className={c.status}>{c.statusWord}</span>
                  {c.message ? <> — {c.message}</> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}

function SharePage({ view }: { view: ShareView }) {
  return (
    <html lang="en">
      <Head view={view} />
      <body>
        <SiteHeader />
        <main>
          <article>
            <div className="card top">
              {view.image ? <img className="badge" src={view.image.src} alt={view.image.alt} width={160} height={160} /> : null}
              <div>
                {view.external ? <span className="tag">External</span> : null}
                <h1>{view.title}</h1>
                <p className="held">
                  Held by <strong>{view.learnerName}</strong>
                </p>
                {view.issuer.name ? (
                  <p className="held">
                    Issued by{" "}
                    {view.issuer.url ? (
                      <a href={view.issuer.url} rel="nofollow noopener">
                        {view.issuer.name}
                      </a>
                    ) : (
                      view.issuer.name
                    )}
                  </p>
                ) : null}
              </div>
            </div>

            <section className="card" aria-labelledby="about-heading">
              <h2 id="about-heading">About this credential</h2>
              <dl className="facts">
                {view.issuedOn ? (
                  <>
                    <dt>Issued</dt>
                    <dd>
                      <DateText date={view.issuedOn} />
                    </dd>
                  </>
                ) : null}
                {view.expires ? (
                  <>
                    <dt>{view.expired ? "Expired" : "Expires"}</dt>
                    <dd>
                      <DateText date={view.expires} />
                    </dd>
                  </>
                ) : null}
              </dl>
              {view.descriptionHtml ? (
                <>
                  <h2 id="description-heading">
                    Description
                  </h2>
                  <div className="prose" aria-labelledby="description-heading" dangerouslySetInnerHTML={{ __html: view.descriptionHtml }} />
                </>
              ) : null}
            </section>

            {view.criteriaHtml || view.criteriaUrl ? (
              <section className="card" aria-labelledby="criteria-heading">
                <h2 id="criteria-heading">Criteria</h2>
                {view.criteriaHtml ? <div className="prose" dangerouslySetInnerHTML={{ __html: view.criteriaHtml }} /> : null}
                {view.criteriaUrl ? (
                  <p>
                    <a href={view.criteriaUrl} rel="nofollow noopener">
                      Criteria published by the issuer
                    </a>
                  </p>
                ) : null}
              </section>
            ) : null}

            {view.issuer.name || view.issuer.url || view.issuer.imageSrc ? (
              <section className="card" aria-labelledby="issuer-heading">
                <h2 id="issuer-heading">Issuer</h2>
                <div className="issuer">
                  {view.issuer.imageSrc ? <img src={view.issuer.imageSrc} alt={`${view.issuer.name ?? "Issuer"} logo`} width={48} height={48} /> : null}
                  <div>
                    <p className="held">{view.issuer.name ?? "Unnamed issuer"}</p>
                    {view.issuer.url ? (
                      <p className="held">
                        <a href={view.issuer.url} rel="nofollow noopener">
                          {view.issuer.url}
                        </a>
                      </p>
                    ) : null}
                  </div>
                </div>
              </section>
            ) : null}

            {view.skills.length ? (
              <section className="card" aria-labelledby="skills-heading">
                <h2 id="skills-heading">Skills</h2>
                <ul className="skills">
                  {view.skills.map((s, i) => (
                    <li key={`${s}-${i}`}>{s}</li>
                  ))}
                </ul>
              </section>
            ) : null}

            <Verification view={view} />

            <div className="card actions">
              {view.download ? (
                <a className="button primary" href={view.download.href} download={view.download.filename}>
                  Download badge
                </a>
              ) : null}
              <a className="button" href={view.linkedInUrl} rel="nofollow noopener" target="_blank">
                Add to LinkedIn profile
              </a>
            </div>
          </article>
        </main>
        <footer>
          <p>Shared from Sash, an open-source learner credential wallet.</p>
        </footer>
      </body>
    </html>
  );
}

export function renderSharePage(view: ShareView): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(<SharePage view={view} />)}`;
}

export function renderShareNotFound(): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>Link not found · Sash</title>
        <style dangerouslySetInnerHTML={{ __html: SHARE_CSS }} />
      </head>
      <body>
        <SiteHeader />
        <main>
          <h1>Link not found</h1>
          <p>This share link doesn&apos;t exist, or its owner has turned it off.</p>
        </main>
      </body>
    </html>,
  )}`;
}
