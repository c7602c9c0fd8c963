// Bounded work per image (issue #12 §2): a PNG's declared size is checked
// against the pixel budget before anything is decoded, and its image data is
// inflated with the output capped at what the header implies. The work is
// measured in bytes zlib produced (tests/support/inflate.ts), not in time.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  checkPngBudget,
  ImageTooLargeError,
  inflatedPngSize,
  MAX_IMAGE_PIXELS,
  readPngHeader,
  reencodePng,
  toPublicImage,
} from "@/lib/share/image";
import { countInflate, type InflateCounter } from "../support/inflate";
import { declaredSizePng, noisePng } from "../support/png";

function caught(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    return e;
  }
}

let inflate: InflateCounter;
beforeEach(() => {
  inflate = countInflate();
});
afterEach(() => inflate.restore());

describe("PNG pixel budget and inflate cap", () => {
  it("refuses an interlaced PNG declaring 20000×20000 at once, without inflating it", () => {
    const hostile = declaredSizePng(20_000, 20_000, { interlaced: true, inflatedBytes: 4 * 1024 * 1024 });
    expect(hostile.length).toBeLessThan(64 * 1024);
    const err = caught(() => checkPngBudget(hostile));
    expect(err).toBeInstanceOf(ImageTooLargeError);
    expect((err as ImageTooLargeError).code).toBe("IMAGE_TOO_LARGE");
    expect((err as Error).message).toMatch(/20,000 × 20,000 pixels, too large/);
    // Refused from the header: not one byte inflated (the whole image would be 1.6 GB).
    expect(inflate.calls).toEqual([]);
    // The public-image path (share /image and /og) answers "no image" the same way.
    expect(toPublicImage({ mime: "image/png", bytes: hostile, baked: false })).toBeNull();
    expect(inflate.calls).toEqual([]);
  });

  it("stops inflating as soon as the data passes what the header declares (a small image hiding a huge stream)", () => {
    const bomb = declaredSizePng(100, 100, { inflatedBytes: 64 * 1024 * 1024 });
    expect(bomb.length).toBeLessThan(128 * 1024);
    const declared = inflatedPngSize(readPngHeader(bomb)!); // 100 rows of 1 + 100 × 4 bytes
    expect(declared).toBe(100 * 401);
    expect(caught(() => checkPngBudget(bomb))).toBeInstanceOf(ImageTooLargeError);
    // One inflate, capped at the declared 40,100 bytes and stopped there (not 64 MB).
    expect(inflate.calls).toEqual([
      expect.objectContaining({ fn: "inflateSync", maxOutputLength: declared, error: "ERR_BUFFER_TOO_LARGE" }),
    ]);
    expect(inflate.bytes()).toBeLessThanOrEqual(declared);
    expect(() => reencodePng(bomb)).toThrow(ImageTooLargeError);
    expect(inflate.bytes()).toBeLessThanOrEqual(2 * declared);
  });

  it("knows exactly how large the image data inflates, interlaced or not", () => {
    const plain = readPngHeader(declaredSizePng(10, 7))!;
    expect(inflatedPngSize(plain)).toBe(7 * (10 * 4 + 1));
    const adam7 = readPngHeader(declaredSizePng(10, 7, { interlaced: true }))!;
    // Adam7 passes of a 10×7 image (width × rows): 2×1, 1×1, 3×1, 2×2, 5×2, 5×4, 10×3.
    const row = (w: number) => w * 4 + 1;
    expect(inflatedPngSize(adam7)).toBe(row(2) + row(1) + row(3) + 2 * row(2) + 2 * row(5) + 4 * row(5) + 3 * row(10));
  });

  it("accepts and re-encodes an ordinary image; one exactly at the budget passes the header check", () => {
    const ok = noisePng(64, 48);
    expect(checkPngBudget(ok)).toMatchObject({ width: 64, height: 48 });
    expect(readPngHeader(reencodePng(ok))).toMatchObject({ width: 64, height: 48 });
    const atBudget = readPngHeader(declaredSizePng(8000, MAX_IMAGE_PIXELS / 8000))!;
    expect(atBudget.width * atBudget.height).toBe(MAX_IMAGE_PIXELS);
    expect(() => checkPngBudget(declaredSizePng(8000, MAX_IMAGE_PIXELS / 8000 + 1))).toThrow(ImageTooLargeError);
  });
});
