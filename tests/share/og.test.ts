// The Open Graph card: a 1200×630 PNG, rendered offline — no text is ever
// sent to a font or emoji CDN, whatever the badge title holds.
import { PNG } from "pngjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OG_HEIGHT, OG_WIDTH, ogSafeText, renderOgImage } from "@/server/share/og";

afterEach(() => {
  vi.restoreAllMocks();
});

function badgePng(): string {
  const img = new PNG({ width: 32, height: 32 });
  img.data.fill(120);
  return PNG.sync.write(img).toString("base64");
}

describe("renderOgImage", () => {
  it("renders a PNG of the right size without any network request, even for emoji and non-Latin text", async () => {
    const realFetch = globalThis.fetch;
    const remote: string[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith("data:")) remote.push(url);
      return realFetch(input, init);
    });
    const png = await renderOgImage({
      title: "<script>alert(1)</script> 😀 日本語 Ünïcödé",
      learnerName: "Ада Лавлейс 🎓",
      issuerName: "Example Academy",
      badge: { mime: "image/png", base64: badgePng() },
    });
    expect(remote).toEqual([]);
    const decoded = PNG.sync.read(Buffer.from(png));
    expect([decoded.width, decoded.height]).toEqual([OG_WIDTH, OG_HEIGHT]);
  });

  it("falls back to a plain card when the badge image can't be read", async () => {
    const png = await renderOgImage({ title: "T", learnerName: "L", issuerName: null, badge: { mime: "image/png", base64: "bm90IGEgcG5n" } });
    expect(PNG.sync.read(Buffer.from(png)).width).toBe(OG_WIDTH);
  });
});

describe("ogSafeText", () => {
  it("keeps Latin text, drops glyphs the bundled font lacks, and shortens", () => {
    expect(ogSafeText("Café — “Data” 😀 日本", 100)).toBe("Café — “Data”");
    expect(ogSafeText("a\n\tb", 10)).toBe("a b");
    expect(ogSafeText("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
    expect(ogSafeText(null, 10)).toBe("");
  });
});
