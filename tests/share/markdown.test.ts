import { describe, expect, it } from "vitest";
import { MARKDOWN_MAX_CHARS, renderMarkdown, truncateText } from "@/lib/share/markdown";

describe("renderMarkdown", () => {
  it("escapes raw HTML instead of rendering it", () => {
    expect(renderMarkdown("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    expect(renderMarkdown("<img src=x onerror=alert(1)>")).not.toContain("<img");
  });

  it("allows only http, https and mailto links, each rel=nofollow noopener", () => {
    const out = renderMarkdown(
      "[a](https://a.example) [b](http://b.example) [c](mailto:c@example.org) [d](javascript:alert(1)) [e](JaVaScRiPt:alert(1)) [f](data:text/html,x) [g](ftp://g.example) [h](/relative)",
    );
    const hrefs = [...out.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(["https://a.example", "http://b.example", "mailto:c@example.org"]);
    expect(out.match(/rel="nofollow noopener"/g)).toHaveLength(3);
  });

  it("renders images as plain links (no remote pixels) and blocks javascript: in image syntax", () => {
    const out = renderMarkdown("![logo](https://t.example/p.png) ![x](javascript:alert(1))");
    expect(out).not.toContain("<img");
    expect(out).toContain('<a href="https://t.example/p.png" rel="nofollow noopener" target="_blank">logo</a>');
    expect(out).not.toContain('href="javascript');
  });

  it("cannot inject attributes through link URLs", () => {
    const out = renderMarkdown('[x](https://a.example/"onmouseover="alert(1))');
    expect(out).not.toMatch(/\sonmouseover=/);
  });

  it("truncates very long input", () => {
    const long = "x".repeat(100_000);
    const out = renderMarkdown(long);
    expect(out.length).toBeLessThan(MARKDOWN_MAX_CHARS + 20);
    expect(out).toContain("…");
    expect(truncateText("😀".repeat(10), 3)).toBe("😀…");
  });
});
