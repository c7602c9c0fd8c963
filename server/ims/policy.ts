// The terms of service and privacy policy the discovery documents link to (x-imssf-privacyPolicyUrl,
// termsOfService, Badge Connect termsOfServiceUrl / privacyPolicyUrl): one static page, /ims/policy, saying what an
// application the learner connects can see and do, in words true of the code (server/ims/api.ts).
export function imsPolicyPage(): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sash — connected applications</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<h1>Connected applications: terms and privacy</h1>
<h2 id="terms">Terms</h2>
<p>An application (an issuer, a learning platform such as Moodle, another wallet) reaches your Sash wallet through the
Open Badges 3.0, CLR 2.0 or Open Badges 2.1 APIs only after you allowed it on Sash's consent page, and only for the
permissions (scopes) you allowed. Every credential it sends goes through the same checks and limits as a file you
upload. You can disconnect it at any time on your Account page; its access ends at once.</p>
<h2 id="privacy">Privacy</h2>
<p>With "read" permission an application receives your credentials of that kind as they were issued, and with the
profile permission your name and your confirmed email address. It never receives your password, your other
addresses, your notes or skills, or your share links. Sash keeps, for each connected application, its registration,
the permissions you allowed and when it last used them; its tokens are stored only as hashes.</p>
</body></html>`;
  return new Response(html, {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
