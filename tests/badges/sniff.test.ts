import { describe, expect, it } from "vitest";
import { sniffContainer } from "@/lib/badges/sniff";
import { unbake } from "@/lib/badges";
import { basePng } from "../support/bake";

const samples: Record<string, number[] | string> = {
  JPEG: [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46],
  GIF: "GIF89a\x01\x00\x01\x00",
  WebP: "RIFF\x24\x00\x00\x00WEBPVP8 ",
  "HEIC/AVIF/MP4": "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00",
  PDF: "%PDF-1.7\n",
};

function bytes(v: number[] | string): Uint8Array {
  return typeof v === "string" ? Buffer.from(v, "latin1") : Uint8Array.from(v);
}

describe("sniffContainer", () => {
  it("recognises PNG and SVG by content only", () => {
    expect(sniffContainer(basePng())).toEqual({ kind: "png" });
    expect(
      sniffContainer(
        Buffer.from('<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'),
      ),
    ).toEqual({ kind: "svg" });
    expect(sniffContainer(Buffer.from('<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>'))).toEqual({ kind: "svg" });
  });

  it.each(Object.entries(samples))("names %s as an unsupported format", (format, sample) => {
    expect(sniffContainer(bytes(sample))).toEqual({ kind: "other", format });
  });

  it("does not take HTML or plain text for SVG", () => {
    expect(sniffContainer(Buffer.from("<!doctype html><html><body>hi</body></html>")).kind).toBe("other");
    expect(sniffContainer(Buffer.from("just some text")).kind).toBe("other");
    expect(sniffContainer(new Uint8Array(0)).kind).toBe("other");
  });
});

describe("unbake refuses what is not PNG or SVG", () => {
  it.each(Object.entries(samples))("%s → UNSUPPORTED_FILE", async (_format, sample) => {
    await expect(unbake(bytes(sample))).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
  });

  it("random bytes → UNSUPPORTED_FILE", async () => {
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff);
    await expect(unbake(random)).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
  });

  it("an input over 10 MiB → PAYLOAD_TOO_LARGE before any parsing", async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(basePng());
    await expect(unbake(big)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });
});
