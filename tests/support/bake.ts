// Test-only baking helpers: draw a base image with pngjs, then splice text chunks in.
// CRCs come from node:zlib (an implementation independent of lib/badges/png.ts).
import { PNG } from "pngjs";
import { crc32, deflateSync } from "node:zlib";

export function basePng(width = 16, height = 16, seed = 1): Buffer {
  const png = new PNG({ width, height });
  let x = seed >>> 0 || 1;
  for (let i = 0; i < png.data.length; i++) {
    // xorshift noise so the image does not compress to nothing
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    png.data[i] = i % 4 === 3 ? 255 : x & 0xff;
  }
  return PNG.sync.write(png);
}

export function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), Buffer.from(data)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([len, typeAndData, crc]);
}

export function iTXt(keyword: string, text: string, opts: { compressed?: boolean; lang?: string; translated?: string } = {}): Buffer {
  const body = opts.compressed ? deflateSync(Buffer.from(text, "utf8")) : Buffer.from(text, "utf8");
  return chunk(
    "iTXt",
    Buffer.concat([
      Buffer.from(keyword, "latin1"),
      Buffer.from([0, opts.compressed ? 1 : 0, 0]),
      Buffer.from(opts.lang ?? "", "latin1"),
      Buffer.from([0]),
      Buffer.from(opts.translated ?? "", "utf8"),
      Buffer.from([0]),
      body,
    ]),
  );
}

export function iTXtRaw(keyword: string, compressedBody: Buffer): Buffer {
  return chunk("iTXt", Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0, 1, 0, 0, 0]), compressedBody]));
}

export function tEXt(keyword: string, text: string): Buffer {
  return chunk("tEXt", Buffer.concat([Buffer.from(keyword, "latin1"), Buffer.from([0]), Buffer.from(text, "latin1")]));
}

/** Splits a PNG into [signature, ...chunks] buffers. */
export function chunksOf(png: Buffer): { type: string; bytes: Buffer }[] {
  const out: { type: string; bytes: Buffer }[] = [];
  let at = 8;
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    out.push({ type, bytes: png.subarray(at, at + 12 + len) });
    at += 12 + len;
  }
  return out;
}

/** Inserts chunks right after IHDR ("before" the image data) or right before IEND ("after" it). */
export function bakePng(png: Buffer, extra: Buffer[], where: "before-idat" | "after-idat" = "before-idat"): Buffer {
  const parts = chunksOf(png);
  const sig = png.subarray(0, 8);
  const out: Buffer[] = [sig];
  for (const c of parts) {
    if (where === "after-idat" && c.type === "IEND") out.push(...extra);
    out.push(c.bytes);
    if (where === "before-idat" && c.type === "IHDR") out.push(...extra);
  }
  return Buffer.concat(out);
}

export function bakeSvg(inner: string, opts: { prefix?: string; namespace?: string; doctype?: boolean } = {}): Buffer {
  const prefix = opts.prefix ?? "openbadges";
  const ns = opts.namespace ?? "http://openbadges.org";
  const doctype = opts.doctype ? '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' : "";
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}<svg xmlns="http://www.w3.org/2000/svg" xmlns:${prefix}="${ns}" width="10" height="10">\n${inner}\n<rect width="10" height="10" fill="red"/></svg>\n`,
    "utf8",
  );
}

export const OB2_ASSERTION = {
  "@context": "https://w3id.org/openbadges/v2",
  type: "Assertion",
  id: "https://issuer.example/assertions/1",
  recipient: { type: "email", hashed: true, salt: "pepper", identity: "sha256$00aa" },
  issuedOn: "2024-03-01T10:00:00Z",
  expires: "2027-03-01T10:00:00Z",
  verification: { type: "hosted" },
  evidence: [{ id: "https://issuer.example/work/1", name: "Portfolio", narrative: "Built a robot" }],
  badge: {
    type: "BadgeClass",
    id: "https://issuer.example/badges/robotics",
    name: "Robotics — Level 1 ®",
    description: "Builds small robots.",
    image: "https://issuer.example/badges/robotics.png",
    criteria: { id: "https://issuer.example/badges/robotics/criteria", narrative: "Build a robot." },
    tags: ["Robotics", "Soldering", "robotics"],
    alignment: [{ targetName: "Electronics", targetUrl: "https://frameworks.example/e", targetFramework: "Example", targetCode: "E1" }],
    issuer: { type: "Issuer", id: "https://issuer.example/org", name: "Example Issuer", url: "https://issuer.example", email: "badges@issuer.example" },
  },
};

export const OB3_CREDENTIAL = {
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  id: "urn:uuid:11111111-2222-3333-4444-555555555555",
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  name: "Jane Learner",
  issuer: { id: "https://issuer.example/profile", type: ["Profile"], name: "Example University", url: "https://issuer.example" },
  validFrom: "2025-01-02T03:04:05Z",
  validUntil: "2030-01-01T00:00:00Z",
  credentialSubject: {
    type: ["AchievementSubject"],
    identifier: [{ type: "IdentityObject", identityType: "emailAddress", hashed: true, identityHash: "sha256$abcd", salt: "s" }],
    achievement: {
      id: "https://issuer.example/achievements/1",
      type: ["Achievement"],
      name: "Data Literacy",
      description: "Reads charts.",
      image: { id: "https://issuer.example/a.png", type: "Image" },
      criteria: { narrative: "Pass the test." },
      tag: ["Statistics", "Charts"],
      alignment: [
        { type: ["Alignment"], targetName: "Interpret data", targetUrl: "https://ceasn.example/1", targetType: "ceasn:Competency" },
        { type: ["Alignment"], targetName: "EQF level 4", targetUrl: "https://eqf.example/4", targetType: "ext:EQF" },
      ],
    },
  },
};

/** A compact JWS-shaped token (unsigned signature part; these tests never verify). */
export function compactJws(header: object, payload: object): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${enc(header)}.${enc(payload)}.${Buffer.from("not-a-real-signature").toString("base64url")}`;
}
