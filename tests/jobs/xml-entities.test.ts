// XML entity expansion (issue #25 §5e): crawled sitemaps and uploaded SVG badges are parsed with
// no entity a document declares ever expanded — billion laughs and its flat variant read as
// literal text — while the five predefined entities (&amp; in URLs) still decode.
import { describe, expect, it } from "vitest";
import { readSitemap } from "@/lib/jobs/crawl";
import { findSvgBadge, OB2_SVG_NAMESPACE } from "@/lib/badges/svg";

/** The classic: ten levels of ten references, 10^9 "lol"s if expanded. */
function billionLaughs(root: string, use: string): string {
  const levels = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE ${root} [\n ${levels.join("\n ")}\n]>\n${use.replaceAll("ENT", "&lol9;")}`;
}

/** The flat variant, within a parser's per-entity limits: one 9,000-character entity referenced many times. */
function flatLaughs(root: string, use: string): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE ${root} [\n <!ENTITY a "${"ha".repeat(4_500)}">\n]>\n${use.replaceAll("ENT", "&a;".repeat(10))}`;
}

const urlset = (locs: string[]) =>
  `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<url><loc>${l}</loc></url>`).join("")}</urlset>`;

describe("crawled sitemaps: no declared entity is expanded", () => {
  it("reads a billion-laughs sitemap without expanding anything", () => {
    const r = readSitemap(billionLaughs("urlset", urlset(["https://a.example/ENT"])));
    expect(r.locs).toHaveLength(1);
    expect(r.locs[0]!.length).toBeLessThan(100);
    expect(r.locs[0]).not.toContain("lollol");
  });

  it("reads the flat variant without expanding it (it was expanded to 90,000 characters per <loc>)", () => {
    const one = readSitemap(flatLaughs("urlset", urlset(["https://a.example/ENT"])));
    expect(one.locs).toHaveLength(1);
    expect(one.locs[0]!.length).toBeLessThan(100);
    expect(one.locs[0]).not.toContain("haha");
    // Many of them: still read, nothing expanded.
    const many = readSitemap(
      flatLaughs("urlset", urlset(Array.from({ length: 200 }, (_, i) => `https://a.example/${i}/ENT`))),
    );
    expect(many.locs).toHaveLength(200);
    expect(many.locs.every((l) => l.length < 100 && !l.includes("haha"))).toBe(true);
  });

  it("still decodes the predefined entities in addresses", () => {
    expect(readSitemap(urlset(["https://a.example/jobs?a=1&amp;b=2"])).locs).toEqual([
      "https://a.example/jobs?a=1&b=2",
    ]);
  });

  it("refuses a DOCTYPE it can't remove", () => {
    expect(() => readSitemap(`<urlset><url><loc>x</loc></url><!DOCTYPE x [<!ENTITY a "b">]></urlset>`)).toThrow(
      expect.objectContaining({ code: "SITEMAP_INVALID" }),
    );
  });
});

describe("SVG badges: no declared entity is expanded (checked: already so)", () => {
  const svg = (body: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB2_SVG_NAMESPACE}"><openbadges:assertion verify="https://issuer.example/a/1">${body}</openbadges:assertion></svg>`;

  it("reads a billion-laughs SVG's badge element as literal text", () => {
    const el = findSvgBadge(billionLaughs("svg", svg("ENT")));
    expect(el?.body).toBe("&lol9;");
  });

  it("reads the flat variant as literal text", () => {
    const el = findSvgBadge(flatLaughs("svg", svg("ENT")));
    expect(el?.body).toBe("&a;".repeat(10));
  });
});
