// Baked badges for the wallet tests and bench/import.ts, made in-process with
// tests/support/png.ts: a noise image, then an iTXt `openbadges` chunk after IHDR
// (OB 2.0 Baking §PNG).
import { insertChunks, noisePng as drawNoise, pngChunk } from "./png";

/** A valid PNG of noise (incompressible, so its size tracks width × height). */
export function noisePng(width: number, height: number, seed = 1): Buffer {
  return drawNoise(width, height, { seed, deflateLevel: 1 });
}

/** A noise PNG of roughly `bytes` bytes. */
export function pngOfSize(bytes: number, seed = 1): Buffer {
  const side = Math.max(1, Math.round(Math.sqrt(bytes / 3)));
  return noisePng(side, side, seed);
}

/** Bakes `text` into `png` as iTXt (keyword "openbadges" for 2.0, "openbadgecredential" for 3.0). */
export function bakePng(png: Buffer, text: string, keyword = "openbadges"): Buffer {
  const itxt = pngChunk(
    "iTXt",
    Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, "utf8")]),
  );
  return insertChunks(png, [itxt], "before-idat");
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
