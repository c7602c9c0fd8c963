import { describe, expect, it } from "vitest";
import { deflateSync } from "node:zlib";
import { findPngBadge, crc32 } from "@/lib/badges/png";
import { unbake } from "@/lib/badges";
import { SashError } from "@/lib/badges/errors";
import { codeOf } from "../support/errors";
import { OB2_ASSERTION, basePng, bakePng, chunk, chunksOf, iTXt, iTXtRaw, tEXt } from "../support/bake";

const json = JSON.stringify(OB2_ASSERTION);

const SASH = { type: SashError };

describe("findPngBadge", () => {
  it("finds an iTXt openbadges chunk placed before the image data", () => {
    const png = bakePng(basePng(), [iTXt("openbadges", json)], "before-idat");
    expect(findPngBadge(png)).toEqual({ chunkType: "iTXt", keyword: "openbadges", text: json, compressed: false });
  });

  it("finds an iTXt openbadgecredential chunk placed after all IDAT chunks (1EdTech layout)", () => {
    const png = bakePng(basePng(64, 64), [iTXt("openbadgecredential", '{"a":1}')], "after-idat");
    const types = chunksOf(png).map((c) => c.type);
    expect(types.indexOf("iTXt")).toBeGreaterThan(types.lastIndexOf("IDAT"));
    expect(findPngBadge(png)?.keyword).toBe("openbadgecredential");
  });

  it("skips unrelated text chunks (XMP iTXt, tEXt date:create, compressed zTXt)", () => {
    const png = bakePng(basePng(), [
      tEXt("date:create", "2024-01-01T00:00:00+00:00"),
      iTXt("XML:com.adobe.xmp", "<x:xmpmeta/>"),
      chunk("zTXt", Buffer.concat([Buffer.from("Raw profile type exif\0\0"), deflateSync(Buffer.from("exif"))])),
      iTXt("openbadges", json),
    ]);
    expect(findPngBadge(png)?.text).toBe(json);
  });

  it("returns null for a sound PNG with no badge chunk", () => {
    expect(findPngBadge(bakePng(basePng(), [tEXt("Software", "paint")]))).toBeNull();
  });

  it("matches keywords exactly (case-sensitive)", () => {
    expect(findPngBadge(bakePng(basePng(), [iTXt("OpenBadges", json)]))).toBeNull();
  });

  it("uses the first badge chunk when there are several", () => {
    const png = bakePng(basePng(), [
      iTXt("openbadges", '{"first":true}'),
      iTXt("openbadgecredential", '{"second":true}'),
    ]);
    expect(findPngBadge(png)?.text).toBe('{"first":true}');
  });

  it("inflates a compressed iTXt although the baking spec forbids it", () => {
    const png = bakePng(basePng(), [iTXt("openbadges", json, { compressed: true })]);
    expect(findPngBadge(png)).toMatchObject({ text: json, compressed: true });
  });

  it("ignores the language tag and translated keyword of an iTXt", () => {
    const png = bakePng(basePng(), [iTXt("openbadges", json, { lang: "en-GB", translated: "Öffne Abzeichen" })]);
    expect(findPngBadge(png)?.text).toBe(json);
  });

  it("decodes iTXt as UTF-8 and tEXt as Latin-1 (no 'SAFeÂ®' mangling)", () => {
    const itxt = findPngBadge(bakePng(basePng(), [iTXt("openbadges", '{"name":"SAFe® 🚀"}')]));
    expect(itxt?.text).toBe('{"name":"SAFe® 🚀"}');
    const text = findPngBadge(bakePng(basePng(), [tEXt("openbadges", "https://issuer.example/a/SAFe®")]));
    expect(text).toMatchObject({ chunkType: "tEXt", text: "https://issuer.example/a/SAFe®" });
  });

  it("rejects a CRC mismatch in the badge chunk as CORRUPT_IMAGE", () => {
    const good = iTXt("openbadges", json);
    const bad = Buffer.from(good);
    bad[bad.length - 1]! ^= 0xff;
    expect(codeOf(() => findPngBadge(bakePng(basePng(), [bad])), SASH)).toBe("CORRUPT_IMAGE");
    // A flipped payload byte is caught too.
    const flipped = Buffer.from(good);
    flipped[30]! ^= 0x01;
    expect(codeOf(() => findPngBadge(bakePng(basePng(), [flipped])), SASH)).toBe("CORRUPT_IMAGE");
  });

  it("reports truncation before any badge data as CORRUPT_IMAGE", () => {
    const png = bakePng(basePng(), [iTXt("openbadges", json)], "after-idat");
    const cut = png.subarray(0, png.length - 200);
    expect(codeOf(() => findPngBadge(cut), SASH)).toBe("CORRUPT_IMAGE");
    const noIend = basePng().subarray(0, basePng().length - 12);
    expect(codeOf(() => findPngBadge(noIend), SASH)).toBe("CORRUPT_IMAGE");
  });

  it("still reads a badge chunk that precedes the point of truncation", () => {
    const png = bakePng(basePng(32, 32), [iTXt("openbadges", json)], "before-idat");
    expect(findPngBadge(png.subarray(0, png.length - 100))?.text).toBe(json);
  });

  it("requires IHDR as the first chunk", () => {
    const png = basePng();
    const parts = chunksOf(png);
    const swapped = Buffer.concat([png.subarray(0, 8), tEXt("Software", "x"), ...parts.map((p) => p.bytes)]);
    expect(codeOf(() => findPngBadge(swapped), SASH)).toBe("CORRUPT_IMAGE");
  });

  it("stops inflating at 2 MiB: a zlib bomb is PAYLOAD_TOO_LARGE", () => {
    const bomb = deflateSync(Buffer.alloc(50 * 1024 * 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    expect(codeOf(() => findPngBadge(bakePng(basePng(), [iTXtRaw("openbadges", bomb)])), SASH)).toBe(
      "PAYLOAD_TOO_LARGE",
    );
    // Never allocated anything near the 50 MiB the bomb expands to.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(20 * 1024 * 1024);
  });

  it("accepts a compressed payload just under the cap", () => {
    const text = JSON.stringify({ pad: "x".repeat(2 * 1024 * 1024 - 20) });
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(findPngBadge(bakePng(basePng(), [iTXt("openbadges", text, { compressed: true })]))?.text.length).toBe(
      text.length,
    );
  });

  it("reports broken zlib data in the badge chunk as CORRUPT_IMAGE", () => {
    expect(
      codeOf(() => findPngBadge(bakePng(basePng(), [iTXtRaw("openbadges", Buffer.from("not zlib at all"))])), SASH),
    ).toBe("CORRUPT_IMAGE");
  });

  it("computes the PNG CRC-32 (check value of '123456789')", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });
});

describe("unbake on baked PNGs", () => {
  it.each(["before-idat", "after-idat"] as const)("reads an OB 2.0 assertion baked %s", async (where) => {
    const record = await unbake(bakePng(basePng(), [iTXt("openbadges", json)], where));
    expect(record.source).toEqual({ container: "png", encoding: "json", keyword: "openbadges" });
    expect(record.title).toBe("Robotics — Level 1 ®");
    expect(record.raw).toBe(json);
  });

  it("reads an OB 1.0 tEXt URL bake as a hosted URL (offline → REMOTE_UNAVAILABLE)", async () => {
    await expect(
      unbake(bakePng(basePng(), [tEXt("openbadges", "https://issuer.example/assertion.json")])),
    ).rejects.toMatchObject({
      code: "REMOTE_UNAVAILABLE",
    });
  });

  it("says NO_BADGE_DATA for an unbaked PNG and CORRUPT_IMAGE for a broken one", async () => {
    await expect(unbake(basePng())).rejects.toMatchObject({ code: "NO_BADGE_DATA" });
    await expect(unbake(basePng().subarray(0, 40))).rejects.toMatchObject({ code: "CORRUPT_IMAGE" });
  });
});
