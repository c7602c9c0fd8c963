// Privacy (issue #7 §4): images without badge data are re-encoded so no
// ancillary chunk (text, EXIF, time…) survives; baked badges pass untouched.
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { parseDataUri, pngChunkTypes, publicImageHeaders, reencodePng, toPublicImage } from "@/lib/share/image";
import { drawPng, insertChunks, pngChunk } from "../support/png";

/** A photo-like PNG carrying tEXt, iTXt, eXIf and tIME chunks, as a phone might write. */
function pngWithMetadata(): { bytes: Buffer; pixels: Buffer } {
  const plain = drawPng(8, 6, (rgba) => {
    for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 37) % 256;
  });
  const exif = Buffer.concat([
    Buffer.from("MM\0*\0\0\0\x08", "latin1"),
    Buffer.from("GPSLatitude 51.5007 GPSLongitude -0.1246 Camera Model iPhone", "latin1"),
  ]);
  const bytes = insertChunks(plain, [
    pngChunk("tEXt", Buffer.from("Author\0Jane Learner jane@example.com", "latin1")),
    pngChunk("iTXt", Buffer.from("Comment\0\0\0\0\0taken at home", "utf8")),
    pngChunk("eXIf", exif),
    pngChunk("tIME", Buffer.from([0x07, 0xe8, 1, 2, 3, 4, 5])),
  ]);
  return { bytes, pixels: PNG.sync.read(plain).data };
}

describe("toPublicImage", () => {
  it("re-encodes a PNG without badge data, dropping every ancillary chunk but keeping the pixels", () => {
    const { bytes, pixels } = pngWithMetadata();
    expect(pngChunkTypes(bytes)).toEqual(expect.arrayContaining(["tEXt", "iTXt", "eXIf", "tIME"]));
    const pub = toPublicImage({ mime: "image/png", bytes, baked: false })!;
    expect(pub.mime).toBe("image/png");
    const types = pngChunkTypes(pub.bytes);
    expect(types[0]).toBe("IHDR");
    expect(types.at(-1)).toBe("IEND");
    expect(new Set(types)).toEqual(new Set(["IHDR", "IDAT", "IEND"]));
    const text = Buffer.from(pub.bytes).toString("latin1");
    for (const leak of ["Jane", "jane@example.com", "GPS", "iPhone", "taken at home"]) expect(text).not.toContain(leak);
    expect(PNG.sync.read(Buffer.from(pub.bytes)).data.equals(pixels)).toBe(true);
  });

  it("serves a baked badge byte for byte", () => {
    const { bytes } = pngWithMetadata();
    const pub = toPublicImage({ mime: "image/png", bytes, baked: true })!;
    expect(Buffer.from(pub.bytes).equals(bytes)).toBe(true);
  });

  it("refuses a corrupt PNG and anything that is neither PNG nor SVG", () => {
    const { bytes } = pngWithMetadata();
    expect(toPublicImage({ mime: "image/png", bytes: bytes.subarray(0, 60), baked: false })).toBeNull();
    expect(
      toPublicImage({ mime: "image/jpeg", bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0]), baked: false }),
    ).toBeNull();
    expect(toPublicImage({ mime: "text/html", bytes: Buffer.from("<script>"), baked: false })).toBeNull();
  });

  it("passes SVG through, to be served under a script-blocking CSP", () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const pub = toPublicImage({ mime: "image/svg+xml", bytes: svg, baked: false })!;
    expect(pub.mime).toBe("image/svg+xml");
    const h = publicImageHeaders(pub.mime);
    expect(h["Content-Security-Policy"]).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Content-Type"]).toBe("image/svg+xml");
    expect(publicImageHeaders("image/png")["Content-Security-Policy"]).toBeUndefined();
  });

  it("re-encodes PNG idempotently", () => {
    const { bytes } = pngWithMetadata();
    const once = reencodePng(bytes);
    expect(Buffer.from(reencodePng(once)).equals(Buffer.from(once))).toBe(true);
  });
});

describe("parseDataUri", () => {
  it("decodes base64 and percent-encoded data URIs", () => {
    const { bytes } = pngWithMetadata();
    const b64 = parseDataUri(`data:image/png;base64,${bytes.toString("base64")}`)!;
    expect(b64.mime).toBe("image/png");
    expect(Buffer.from(b64.bytes).equals(bytes)).toBe(true);
    const svg = parseDataUri("data:image/svg+xml,%3Csvg%2F%3E")!;
    expect(Buffer.from(svg.bytes).toString()).toBe("<svg/>");
    expect(parseDataUri("https://x.example/a.png")).toBeNull();
    expect(parseDataUri("data:no-comma")).toBeNull();
  });
});
