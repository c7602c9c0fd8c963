// Baked badges for the wallet tests and bench/import.ts, made in-process:
// pngjs draws the base image, then an iTXt `openbadges` chunk goes after IHDR
// (OB 2.0 Baking §PNG). CRCs from node:zlib.
import { PNG } from "pngjs";
import { crc32 } from "node:zlib";

/** A valid PNG of noise (incompressible, so its size tracks width × height). */
export function noisePng(width: number, height: number, seed = 1): Buffer {
  const png = new PNG({ width, height });
  let x = seed >>> 0 || 1;
  for (let i = 0; i < png.data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    png.data[i] = i % 4 === 3 ? 255 : x & 0xff;
  }
  return PNG.sync.write(png, { deflateLevel: 1 });
}

/** A noise PNG of roughly `bytes` bytes. */
export function pngOfSize(bytes: number, seed = 1): Buffer {
  const side = Math.max(1, Math.round(Math.sqrt(bytes / 3)));
  return noisePng(side, side, seed);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([len, typeAndData, crc]);
}

/** Bakes `text` into `png` as iTXt (keyword "openbadges" for 2.0, "openbadgecredential" for 3.0). */
export function bakePng(png: Buffer, text: string, keyword = "openbadges"): Buffer {
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  const itxt = chunk(
    "iTXt",
    Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, "utf8")]),
  );
  return Buffer.concat([png.subarray(0, ihdrEnd), itxt, png.subarray(ihdrEnd)]);
}

/** An OB 2.0 assertion with its badge class and issuer embedded (no network needed to read it). */
export function ob2Assertion(opts: { id?: string; title?: string; skills?: string[]; email?: string } = {}): string {
  const id = opts.id ?? "https://badges.example.org/assertions/1001";
  return JSON.stringify({
    "@context": "https://w3id.org/openbadges/v2",
    type: "Assertion",
    id,
    recipient: { type: "email", hashed: false, identity: opts.email ?? "ada@example.org" },
    issuedOn: "2025-03-14T09:00:00Z",
    expires: "2035-03-14T09:00:00Z",
    verification: { type: "HostedBadge" },
    badge: {
      type: "BadgeClass",
      id: "https://badges.example.org/classes/data-basics",
      name: opts.title ?? "Data Basics",
      description: "Cleaned and charted a real dataset.",
      image: "https://badges.example.org/classes/data-basics.png",
      criteria: { narrative: "Complete the **capstone** project." },
      tags: opts.skills ?? ["MS Excel", "Data cleaning"],
      issuer: {
        type: "Profile",
        id: "https://badges.example.org/issuer",
        name: "Example Community College",
        url: "https://college.example.org",
        email: "badges@example.org",
      },
    },
  });
}

export function bakedOb2(opts: Parameters<typeof ob2Assertion>[0] & { seed?: number; size?: number } = {}): Buffer {
  const base = opts.size ? pngOfSize(opts.size, opts.seed) : noisePng(24, 24, opts.seed ?? 1);
  return bakePng(base, ob2Assertion(opts));
}
