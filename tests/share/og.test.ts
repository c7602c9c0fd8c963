// The Open Graph card: a 1200×630 PNG, rendered offline — no text is ever
// sent to a font or emoji CDN, whatever the badge title holds.
import http from "node:http";
import net from "node:net";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OG_HEIGHT, OG_WIDTH, ogSafeText, renderOgImage } from "@/server/share/og";
import { blockNetwork, type NetworkBlock } from "../support/offline";
import { drawPng } from "../support/png";

// Every test here runs with the network blocked for real (tests/support/offline.ts):
// fetch goes to an undici MockAgent with net connect disabled, and any socket
// connect or DNS lookup is refused. Each attempt is recorded and fails the test.
let net_: NetworkBlock;
beforeEach(() => {
  net_ = blockNetwork();
});
afterEach(async () => {
  await net_.restore();
});

function badgePng(): string {
  return drawPng(32, 32, (rgba) => rgba.fill(120)).toString("base64");
}

describe("renderOgImage", () => {
  it("the block is real: fetch, node:http and raw sockets all fail and are recorded", async () => {
    await expect(fetch("https://fonts.example.test/font.ttf")).rejects.toThrow();
    await expect(
      new Promise((resolve, reject) => http.get("http://93.184.215.14/", resolve).on("error", reject)),
    ).rejects.toThrow(/network access is blocked/);
    await expect(
      new Promise((resolve, reject) => net.connect(443, "cdn.example.test", () => resolve(null)).on("error", reject)),
    ).rejects.toThrow(/network access is blocked/);
    expect(net_.attempts).toEqual([
      "fetch https://fonts.example.test/font.ttf",
      "connect 93.184.215.14:80",
      "connect cdn.example.test:443",
    ]);
  });

  it("renders a PNG of the right size without any network request, even for emoji and non-Latin text", async () => {
    const png = await renderOgImage({
      title: "<script>alert(1)</script> 😀 日本語 Ünïcödé",
      learnerName: "Ада Лавлейс 🎓",
      issuerName: "Example Academy",
      badge: { mime: "image/png", base64: badgePng() },
    });
    expect(net_.attempts).toEqual([]);
    const decoded = PNG.sync.read(Buffer.from(png));
    expect([decoded.width, decoded.height]).toEqual([OG_WIDTH, OG_HEIGHT]);
  });

  it("falls back to a plain card when the badge image can't be read", async () => {
    const png = await renderOgImage({
      title: "T",
      learnerName: "L",
      issuerName: null,
      badge: { mime: "image/png", base64: "bm90IGEgcG5n" },
    });
    expect(PNG.sync.read(Buffer.from(png)).width).toBe(OG_WIDTH);
    expect(net_.attempts).toEqual([]);
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
