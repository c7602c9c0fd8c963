// The share page's images (issue #25 §5b): its CSP allows images from this site or over https
// only — an http: image is mixed content a network observer can read or swap, and a tracking
// pixel in the clear — and the page never asks for an image its CSP would block.
import { describe, expect, it } from "vitest";
import type { SharedCredentialRow } from "@/lib/share/types";
import { renderSharePage, SHARE_CSP } from "@/lib/share/render";
import { buildShareView } from "@/lib/share/view";

const ORIGIN = "https://sash.example";

function row(over: Partial<SharedCredentialRow> = {}): SharedCredentialRow {
  return {
    slug: "AbCdEfGhIjKlMnOpQrStUv",
    indexable: false,
    learnerName: "Ada",
    section: "imported",
    origin: "url",
    spec: null,
    externalId: null,
    title: "Data Basics",
    description: "",
    criteriaNarrative: null,
    criteriaUrl: null,
    issuerName: "Example College",
    issuerUrl: "https://college.example",
    issuerImage: null,
    imageUrl: null,
    issuedOn: null,
    expires: null,
    hasFile: false,
    fileMimeType: null,
    record: null,
    raw: null,
    verification: null,
    updatedAt: new Date("2026-01-01T00:00:00Z"),
    skills: [],
    ...over,
  };
}

function imgSources(html: string): string[] {
  return [...html.matchAll(/<img\b[^>]*\ssrc="([^"]*)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
}

function imgSrcDirective(): string[] {
  const d = SHARE_CSP.split(";")
    .map((s) => s.trim())
    .find((s) => s.startsWith("img-src "));
  return d!.split(/\s+/).slice(1);
}

/** Whether the CSP's img-src lets the page (at ORIGIN) load `src`. */
function allowed(src: string): boolean {
  const url = new URL(src, ORIGIN);
  return imgSrcDirective().some(
    (s) => (s === "'self'" && url.origin === ORIGIN) || (s === "https:" && url.protocol === "https:"),
  );
}

describe("share page images: https or this site only", () => {
  it("has a CSP whose img-src allows no http: images", () => {
    expect(imgSrcDirective()).not.toContain("http:");
    expect(imgSrcDirective()).not.toContain("*");
    expect(imgSrcDirective()).toEqual(expect.arrayContaining(["'self'", "https:"]));
  });

  it("leaves out http: badge pictures and issuer logos (the placeholder stands in), keeps https ones", () => {
    const plain = renderSharePage(
      buildShareView(
        row({ imageUrl: "http://badges.example/b.png", issuerImage: "http://college.example/logo.png" }),
        ORIGIN,
      ),
    );
    expect(imgSources(plain)).toEqual(["/credential-placeholder.svg"]);
    expect(plain).not.toContain("http://badges.example");
    expect(plain).not.toContain("http://college.example/logo.png");

    const secure = renderSharePage(
      buildShareView(
        row({ imageUrl: "https://badges.example/b.png", issuerImage: "https://college.example/logo.png" }),
        ORIGIN,
      ),
    );
    expect(imgSources(secure)).toEqual(["https://badges.example/b.png", "https://college.example/logo.png"]);
    for (const src of [...imgSources(plain), ...imgSources(secure)]) expect(allowed(src), src).toBe(true);
  });

  it("serves a stored or inline picture from this site", () => {
    const stored = renderSharePage(
      buildShareView(
        row({ hasFile: true, fileMimeType: "image/png", issuerImage: "data:image/png;base64,AAAA" }),
        ORIGIN,
      ),
    );
    for (const src of imgSources(stored)) {
      expect(src.startsWith("/c/")).toBe(true);
      expect(allowed(src)).toBe(true);
    }
  });
});
