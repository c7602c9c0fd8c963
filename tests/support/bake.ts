// Test-only baking helpers: the PNG side comes from tests/support/png.ts (the one
// PNG builder); SVG baking and the OB 2.0 / 3.0 payloads used across tests are here.
import { chunksOf, insertChunks, iTXt, iTXtRaw, noisePng, pngChunk, tEXt } from "./png";

export { chunksOf, iTXt, iTXtRaw, tEXt };
export const chunk = pngChunk;

/** A small noise PNG to bake into (pngjs' default compression). */
export function basePng(width = 16, height = 16, seed = 1): Buffer {
  return noisePng(width, height, { seed });
}

/** Inserts chunks right after IHDR ("before" the image data) or right before IEND ("after" it). */
export const bakePng = insertChunks;

export function bakeSvg(inner: string, opts: { prefix?: string; namespace?: string; doctype?: boolean } = {}): Buffer {
  const prefix = opts.prefix ?? "openbadges";
  const ns = opts.namespace ?? "http://openbadges.org";
  const doctype = opts.doctype
    ? '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    : "";
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
    alignment: [
      {
        targetName: "Electronics",
        targetUrl: "https://frameworks.example/e",
        targetFramework: "Example",
        targetCode: "E1",
      },
    ],
    issuer: {
      type: "Issuer",
      id: "https://issuer.example/org",
      name: "Example Issuer",
      url: "https://issuer.example",
      email: "badges@issuer.example",
    },
  },
};

export const OB3_CREDENTIAL = {
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  id: "urn:uuid:11111111-2222-3333-4444-555555555555",
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  name: "Jane Learner",
  issuer: {
    id: "https://issuer.example/profile",
    type: ["Profile"],
    name: "Example University",
    url: "https://issuer.example",
  },
  validFrom: "2025-01-02T03:04:05Z",
  validUntil: "2030-01-01T00:00:00Z",
  credentialSubject: {
    type: ["AchievementSubject"],
    identifier: [
      { type: "IdentityObject", identityType: "emailAddress", hashed: true, identityHash: "sha256$abcd", salt: "s" },
    ],
    achievement: {
      id: "https://issuer.example/achievements/1",
      type: ["Achievement"],
      name: "Data Literacy",
      description: "Reads charts.",
      image: { id: "https://issuer.example/a.png", type: "Image" },
      criteria: { narrative: "Pass the test." },
      tag: ["Statistics", "Charts"],
      alignment: [
        {
          type: ["Alignment"],
          targetName: "Interpret data",
          targetUrl: "https://ceasn.example/1",
          targetType: "ceasn:Competency",
        },
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
