// The static files in public/: present, the sizes they claim, and a robots.txt
// that leaves share pages to their own per-page robots tag.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PNG_SIGNATURE } from "@/lib/badges/png";
import { CREDENTIAL_PLACEHOLDER_PATH } from "@/lib/share/url";

const PUBLIC = path.join(__dirname, "..", "..", "public");
const read = (urlPath: string) => readFileSync(path.join(PUBLIC, urlPath));

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from(PNG_SIGNATURE))).toBe(true);
  expect(bytes.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The Disallow/Allow rules for `User-agent: *`, in file order. */
function robotsRules(text: string): { allow: boolean; prefix: string }[] {
  const rules: { allow: boolean; prefix: string }[] = [];
  let forAll = false;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, field, value] = m;
    if (field!.toLowerCase() === "user-agent") forAll = value === "*";
    else if (forAll && /^(dis)?allow$/i.test(field!) && value)
      rules.push({ allow: field!.toLowerCase() === "allow", prefix: value });
  }
  return rules;
}

/** Longest matching prefix wins, as RFC 9309 §2.2.2 says (Allow on a tie). */
function crawlable(rules: { allow: boolean; prefix: string }[], urlPath: string): boolean {
  const hits = rules
    .filter((r) => urlPath.startsWith(r.prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length || Number(b.allow) - Number(a.allow));
  return hits.length === 0 || hits[0]!.allow;
}

describe("public/", () => {
  it("has the icons the layout and the web manifest name, at their sizes", () => {
    expect(pngSize(read("/apple-touch-icon.png"))).toEqual({ width: 180, height: 180 });
    const manifest = JSON.parse(read("/site.webmanifest").toString("utf8")) as {
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest.icons.length).toBeGreaterThanOrEqual(2);
    for (const icon of manifest.icons) {
      const bytes = read(icon.src);
      if (icon.type === "image/png") {
        const [w, h] = icon.sizes.split("x").map(Number);
        expect(pngSize(bytes)).toEqual({ width: w, height: h });
      } else {
        expect(bytes.toString("utf8")).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      }
    }
    expect(read("/favicon.svg").toString("utf8")).toMatch(/^<svg /);
  });

  it("has a favicon.ico whose entries are the PNGs they claim", () => {
    const ico = read("/favicon.ico");
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const side = ico.readUInt8(entry) || 256;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual({ width: side, height: side });
    }
  });

  it("has the placeholder picture for credentials without an image", () => {
    expect(read(CREDENTIAL_PLACEHOLDER_PATH).toString("utf8")).toMatch(/^<svg [^>]*viewBox="0 0 160 160"/);
  });

  it("lets crawlers fetch share pages (their robots meta decides) but not the wallet or the APIs", () => {
    const rules = robotsRules(read("/robots.txt").toString("utf8"));
    for (const p of [
      "/c/hShOGNfnQRqEN8kZfQODfQ",
      "/c/hShOGNfnQRqEN8kZfQODfQ/image",
      "/c/hShOGNfnQRqEN8kZfQODfQ/og",
      "/",
      "/jobs",
    ]) {
      expect(crawlable(rules, p), p).toBe(true);
    }
    for (const p of ["/wallet", "/wallet/c/5c2c68d4-5e18-402f-9076-4605f4df0711", "/wallet/add", "/api/skills"]) {
      expect(crawlable(rules, p), p).toBe(false);
    }
  });
});
