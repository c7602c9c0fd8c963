// Badge text is attacker-controlled (issue #7 §5): push hostile values through
// every field the public page renders and check the HTML stays inert and readable.
import { describe, expect, it } from "vitest";
import type { SharedCredentialRow } from "@/lib/share/types";
import { renderSharePage, SHARE_CSP } from "@/lib/share/render";
import { buildShareView } from "@/lib/share/view";
import { MARKDOWN_MAX_CHARS } from "@/lib/share/markdown";

const ORIGIN = "https://sash.example";
const SLUG = "AbCdEfGhIjKlMnOpQrStUv";

const XSS = [
  `<script>alert("t")</script>`,
  `"><img src=x onerror=alert(1)>`,
  `'><svg onload=alert(1)>`,
  `</title></head><body onload=alert(1)>`,
  `</script><script>alert(1)</script><!--`,
  `<iframe src="javascript:alert(1)"></iframe>`,
  `javascript:alert(1)`,
].join(" ");

const HOSTILE_MARKDOWN = [
  XSS,
  "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox(1))",
  "[ref][x]\n\n[x]: javascript:alert(1)",
  '![pixel](https://tracker.example/p.png) ![js](javascript:alert(1)) ![x](x" onerror="alert(1))',
  '<a href="javascript:alert(1)">raw html link</a> <img src=x onerror=alert(1)>',
  "[ok](https://good.example/page) <https://auto.example/> mailto:someone@example.org",
].join("\n\n");

function hostileRow(over: Partial<SharedCredentialRow> = {}): SharedCredentialRow {
  return {
    slug: SLUG,
    indexable: false,
    learnerName: `Mallory ${XSS}`,
    section: "imported",
    origin: "upload",
    spec: "ob2",
    externalId: "https://issuer.example/a/1",
    title: `Title ${XSS}`,
    description: HOSTILE_MARKDOWN,
    criteriaNarrative: HOSTILE_MARKDOWN,
    criteriaUrl: "javascript:alert(1)",
    issuerName: `Issuer ${XSS}`,
    issuerUrl: "javascript:alert(document.cookie)",
    issuerImage: "javascript:alert(1)",
    imageUrl: 'https://images.example/badge.png?a=1&b="onerror=alert(1)',
    issuedOn: new Date("2024-01-02T00:00:00Z"),
    expires: new Date("2030-01-02T00:00:00Z"),
    hasFile: true,
    fileMimeType: "image/png",
    record: {
      source: { container: "png" },
      documents: {
        assertion: {
          "@context": "https://w3id.org/openbadges/v2",
          type: "Assertion",
          id: "https://issuer.example/a/1",
          recipient: { type: "email", hashed: true, identity: "sha256$deadbeefcafe" },
          badge: { name: `</script><script>alert(1)</script>\u2028<!--`, description: XSS },
        },
      },
    },
    raw: null,
    verification: {
      result: "invalid",
      checkedAt: "2024-05-01T00:00:00Z",
      checks: [
        { id: "signature", status: "fail", message: `Bad signature ${XSS}` },
        { id: "recipient", status: "pass", message: "Issued to victim@example.com (sha256$abc123)" },
        { id: `<script>x</script>`, status: "<b>", message: "contact owner@example.com hash sha256$0123abcd" },
      ],
    },
    updatedAt: new Date(),
    skills: [`Skill ${XSS}`, "javascript:alert(1)"],
    ...over,
  };
}

interface Tag {
  name: string;
  attrs: Array<[string, string]>;
}

/** Real tags only: every `<` in text is escaped, so each match is markup we emitted. */
function tagsOf(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const attrs: Array<[string, string]> = [];
    for (const a of m[2].matchAll(/\s([^\s="'>\/]+)(?:="([^"]*)")?/g)) attrs.push([a[1].toLowerCase(), a[2] ?? ""]);
    out.push({ name: m[1].toLowerCase(), attrs });
  }
  return out;
}

const ALLOWED_TAGS = new Set([
  "html",
  "head",
  "meta",
  "title",
  "link",
  "style",
  "script",
  "body",
  "header",
  "div",
  "a",
  "main",
  "article",
  "img",
  "span",
  "h1",
  "h2",
  "h3",
  "p",
  "strong",
  "em",
  "section",
  "dl",
  "dt",
  "dd",
  "time",
  "ul",
  "ol",
  "li",
  "footer",
  "code",
  "pre",
  "blockquote",
  "br",
  "hr",
  "h4",
  "h5",
  "h6",
  "s",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
]);

function decodeAttr(v: string): string {
  return v
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function assertInert(html: string) {
  const tags = tagsOf(html);
  for (const t of tags) {
    expect(ALLOWED_TAGS.has(t.name), `unexpected <${t.name}>`).toBe(true);
    for (const [name, value] of t.attrs) {
      expect(name.startsWith("on"), `event handler ${name} on <${t.name}>`).toBe(false);
      expect(["style", "srcdoc", "formaction"].includes(name), `attribute ${name}`).toBe(false);
      if (
        name === "href" ||
        name === "src" ||
        (t.name === "meta" && name === "content" && /^https?:|^javascript/i.test(value))
      ) {
        const url = decodeAttr(value);
        expect(url, `${t.name}[${name}]`).toMatch(/^(https?:\/\/|mailto:|\/(?!\/))/);
      }
    }
  }
  // Exactly one script element, and it is the JSON-LD data block.
  const scripts = tags.filter((t) => t.name === "script");
  expect(scripts).toHaveLength(1);
  expect(scripts[0].attrs).toEqual([["type", "application/ld+json"]]);
  expect(html.match(/<\/script/gi)).toHaveLength(1);
  // Links we emit for badge content never pass referrer juice or opener access.
  for (const t of tags.filter((t) => t.name === "a")) {
    const href = t.attrs.find(([n]) => n === "href")?.[1] ?? "";
    if (/^https?:/.test(href) && !href.startsWith(ORIGIN)) {
      const rel = t.attrs.find(([n]) => n === "rel")?.[1] ?? "";
      expect(rel.split(" ")).toEqual(expect.arrayContaining(["nofollow", "noopener"]));
    }
  }
}

function jsonLdOf(html: string): unknown {
  const m = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
  expect(m).not.toBeNull();
  expect(m![1]).not.toContain("<");
  return JSON.parse(m![1]);
}

describe("share page with hostile badge data", () => {
  const html = renderSharePage(buildShareView(hostileRow(), ORIGIN));

  it("emits only allow-listed tags, no event handlers and only http(s)/mailto/same-site URLs", () => {
    assertInert(html);
  });

  it("issue #13: hostile achievement details (results, evidence, endorsements) stay inert text without emails or hashes", () => {
    const out = renderSharePage(
      buildShareView(
        hostileRow({
          details: {
            v: 1,
            achievementType: `ext:${XSS}`,
            results: [
              {
                name: `Grade ${XSS}`,
                value: "mail owner@example.com",
                resultType: null,
                valueMin: null,
                valueMax: null,
                level: null,
                status: null,
              },
            ],
            evidence: [
              { id: "javascript:alert(1)", name: `Work ${XSS}`, description: "sha256$0123abcd", narrative: null },
            ],
            endorsements: [
              {
                id: null,
                on: "issuer",
                format: "ob3",
                issuer: { id: null, name: `Endorser ${XSS}` },
                comment: `Ask me@example.com ${XSS}`,
                issuedOn: null,
              },
            ],
          },
          verification: {
            result: "valid",
            checkedAt: "2024-05-01T00:00:00Z",
            checks: [],
            endorsements: [{ index: 0, status: "failed", message: `<b>x</b> owner@example.com` }],
          },
        }),
        ORIGIN,
      ),
    );
    assertInert(out);
    expect(out).toContain("Endorser &lt;script&gt;");
    expect(out).toContain("not valid");
    expect(out).not.toMatch(/owner@example\.com|me@example\.com|sha256\$0123abcd/);
    // The evidence link with a javascript: URL is shown as plain text, not as a link.
    expect(out).toMatch(/<li>Work &lt;script&gt;/);
  });

  it("keeps hostile text readable as text", () => {
    expect(html).toContain("Title &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;");
    expect(html).toContain("Mallory &lt;script&gt;");
    expect(html).toContain("Issuer &lt;script&gt;");
    expect(html).toContain("Skill &lt;script&gt;");
    expect(html).toContain("&lt;a href=&quot;javascript:alert(1)&quot;&gt;raw html link&lt;/a&gt;");
  });

  it("drops javascript: URLs from issuer link, issuer image and criteria URL, and turns markdown images into plain links", () => {
    expect(html).not.toMatch(/(href|src)="javascript:/i);
    // The only <img> are the badge and (never here) a safe issuer logo.
    const imgs = tagsOf(html).filter((t) => t.name === "img");
    expect(imgs.map((t) => t.attrs.find(([n]) => n === "src")?.[1])).toEqual([`/c/${SLUG}/image`]);
    expect(html).toContain('href="https://tracker.example/p.png" rel="nofollow noopener"');
    expect(html).toContain('href="https://good.example/page" rel="nofollow noopener"');
    expect(html).toContain('href="mailto:someone@example.org"');
    expect(html).not.toContain("Criteria published by the issuer");
  });

  it("escapes the JSON-LD so it can't leave its script element, and strips the recipient", () => {
    const doc = jsonLdOf(html) as Record<string, unknown>;
    expect((doc.badge as { name: string }).name).toBe("</script><script>alert(1)</script>\u2028<!--");
    expect(doc).not.toHaveProperty("recipient");
    expect(html).not.toContain("deadbeefcafe");
  });

  it("never shows an email address or recipient hash from verification messages", () => {
    expect(html).not.toContain("victim@example.com");
    expect(html).not.toContain("owner@example.com");
    expect(html).not.toContain("abc123");
    expect(html).not.toContain("0123abcd");
    expect(html).toContain("The badge was issued to this learner&#39;s verified email address.");
    expect(html).toContain("Failed: Bad signature &lt;script&gt;");
  });

  it("escapes attribute values in meta tags", () => {
    const metas = tagsOf(html).filter((t) => t.name === "meta");
    const ogTitle = metas.find((t) => t.attrs.some(([n, v]) => n === "property" && v === "og:title"));
    expect(decodeAttr(ogTitle!.attrs.find(([n]) => n === "content")![1])).toContain(`"><img src=x onerror=alert(1)>`);
  });

  it("is noindex unless the learner opted in", () => {
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    const indexed = renderSharePage(buildShareView(hostileRow({ indexable: true }), ORIGIN));
    expect(indexed).toContain('<meta name="robots" content="index, follow">');
  });

  it("keeps a 100 KB description bounded and readable", () => {
    const word = "lorem ipsum <b>dolor</b> [sit](javascript:x) amet ";
    const big = word.repeat(Math.ceil(100_000 / word.length));
    const longWord = "A".repeat(100_000);
    const out = renderSharePage(
      buildShareView(hostileRow({ description: big, criteriaNarrative: longWord, title: "B".repeat(5000) }), ORIGIN),
    );
    assertInert(out);
    expect(out.length).toBeLessThan(MARKDOWN_MAX_CHARS * 2 * 1.6 + 40_000);
    expect(out).toContain("lorem ipsum &lt;b&gt;dolor&lt;/b&gt;");
    expect(out).toContain("…");
    // The stylesheet wraps unbroken strings instead of widening the page.
    expect(out).toContain("overflow-wrap:anywhere");
  });

  it("offers Download badge only for baked uploads, and the LinkedIn link always", () => {
    expect(html).toContain(`href="/c/${SLUG}/download"`);
    const manual = renderSharePage(buildShareView(hostileRow({ origin: "manual", spec: null, record: null }), ORIGIN));
    expect(manual).not.toContain("Download badge");
    expect(manual).toContain("Add to LinkedIn profile");
    assertInert(manual);
    const ld = jsonLdOf(manual) as Record<string, unknown>;
    expect(ld["@type"]).toBe("EducationalOccupationalCredential");
  });

  it("escapes a hosted badge image URL and serves data: images from this site", () => {
    const out = renderSharePage(
      buildShareView(hostileRow({ hasFile: false, issuerImage: "data:image/svg+xml,<svg onload=alert(1)>" }), ORIGIN),
    );
    assertInert(out);
    const srcs = tagsOf(out)
      .filter((t) => t.name === "img")
      .map((t) => decodeAttr(t.attrs.find(([n]) => n === "src")![1]));
    expect(srcs).toEqual(["https://images.example/badge.png?a=1&b=%22onerror=alert(1)", `/c/${SLUG}/issuer-image`]);
    const none = renderSharePage(
      buildShareView(hostileRow({ hasFile: false, imageUrl: "javascript:alert(1)" }), ORIGIN),
    );
    // The unsafe URL is dropped; the page shows the site's own placeholder picture instead.
    const noneSrcs = tagsOf(none)
      .filter((t) => t.name === "img")
      .map((t) => t.attrs.find(([n]) => n === "src")?.[1]);
    expect(noneSrcs).toEqual(["/credential-placeholder.svg"]);
    assertInert(none);
  });

  it("shows External for imported credentials", () => {
    expect(html).toContain('<span class="tag">External</span>');
    const own = renderSharePage(buildShareView(hostileRow({ section: "issued" }), ORIGIN));
    expect(own).not.toContain(">External<");
  });

  it("has a CSP that runs no script and allows the one inline stylesheet by hash", () => {
    expect(SHARE_CSP).toContain("script-src 'none'");
    expect(SHARE_CSP).toContain("default-src 'none'");
    expect(SHARE_CSP).not.toContain("unsafe-inline");
    expect(SHARE_CSP).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(tagsOf(html).filter((t) => t.name === "style")).toHaveLength(1);
  });
});
