// A learner with one baked, verified, shared credential, written straight into
// the database: the fixture of the share query tests and of bench:share.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { credentialFiles, credentials, credentialSkills, users } from "@/db/schema";
import { newShareSlug } from "@/lib/share/slug";
import { drawPng, insertChunks, pngChunk } from "./png";

/** A 256×256 PNG with an OB 2.0 iTXt "openbadges" chunk after IHDR (OB 2.0 Baking §PNG). */
export function bakedPng(assertion: object): Buffer {
  const plain = drawPng(256, 256, (rgba) => {
    for (let i = 0; i < rgba.length; i += 4) {
      const p = i / 4;
      rgba[i] = 23 + ((p >> 8) & 63);
      rgba[i + 1] = 86 + (p & 63);
      rgba[i + 2] = 63;
      rgba[i + 3] = 255;
    }
  });
  const itxt = Buffer.concat([
    Buffer.from("openbadges\0\0\0\0\0", "latin1"),
    Buffer.from(JSON.stringify(assertion), "utf8"),
  ]);
  return insertChunks(plain, [pngChunk("iTXt", itxt)]);
}

export interface SeededShare {
  userId: string;
  credentialId: string;
  slug: string;
}

/** One learner and one baked, verified credential with skills; returns its share slug. */
export async function seedSharedCredential(
  db: Db,
  opts: { email?: string; passwordHash?: string | null; name?: string } = {},
): Promise<SeededShare> {
  const [user] = await db
    .insert(users)
    .values({
      name: opts.name ?? "Bench Learner",
      email: opts.email ?? `bench-${randomBytes(4).toString("hex")}@example.test`,
      passwordHash: opts.passwordHash ?? null,
    })
    .returning({ id: users.id });
  const assertion = {
    "@context": "https://w3id.org/openbadges/v2",
    type: "Assertion",
    id: "https://issuer.example/assertions/1",
    recipient: {
      type: "email",
      hashed: true,
      salt: "s",
      identity: `sha256$${createHash("sha256").update("learner@example.tests").digest("hex")}`,
    },
    badge: {
      type: "BadgeClass",
      id: "https://issuer.example/badges/data",
      name: "Data Analysis with Spreadsheets",
      description:
        "Cleans, summarises and charts data in **spreadsheets**. See [the syllabus](https://issuer.example/syllabus).",
      criteria: { narrative: "1. Complete six labs\n2. Pass the final project" },
      issuer: {
        type: "Profile",
        id: "https://issuer.example/",
        name: "Example Academy",
        url: "https://issuer.example/",
      },
      tags: ["Microsoft Excel", "Data analysis"],
    },
    issuedOn: "2024-03-12T00:00:00Z",
    verification: { type: "hosted" },
  };
  const bytes = bakedPng(assertion);
  const [file] = await db
    .insert(credentialFiles)
    .values({
      userId: user.id,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      mimeType: "image/png",
      size: bytes.length,
      bytes,
    })
    .returning({ id: credentialFiles.id });
  const slug = newShareSlug();
  const badge = assertion.badge;
  const [cred] = await db
    .insert(credentials)
    .values({
      userId: user.id,
      origin: "upload",
      spec: "ob2",
      externalId: assertion.id,
      title: badge.name,
      description: badge.description,
      criteriaNarrative: badge.criteria.narrative,
      issuerName: badge.issuer.name,
      issuerUrl: badge.issuer.url,
      issuedOn: new Date(assertion.issuedOn),
      fileId: file.id,
      fileSha256: createHash("sha256").update(bytes).digest("hex"),
      record: {
        spec: "ob2",
        title: badge.name,
        source: { container: "png", encoding: "json", keyword: "openbadges" },
        documents: { assertion, badgeClass: badge, issuer: badge.issuer },
      },
      raw: JSON.stringify(assertion),
      verification: {
        result: "valid",
        checkedAt: "2024-03-13T10:00:00Z",
        checks: [
          { id: "hosted", status: "pass", message: "The issuer's hosted copy matches." },
          { id: "recipient", status: "pass", message: "Issued to learner@example.test." },
          { id: "expiry", status: "pass", message: "Does not expire." },
          { id: "revocation", status: "pass", message: "Not revoked." },
        ],
      },
      verificationResult: "valid",
      shareSlug: slug,
    })
    .returning({ id: credentials.id });
  await db.insert(credentialSkills).values(
    badge.tags.map((name, position) => ({
      credentialId: cred.id,
      userId: user.id,
      position,
      name,
      skillKey: `custom:${name.toLowerCase()}`,
    })),
  );
  return { userId: user.id, credentialId: cred.id, slug };
}
