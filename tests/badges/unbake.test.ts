// Payload kinds through unbake/importPayload, normalisation per spec, and every error code.
import { describe, expect, it } from "vitest";
import { importPayload, unbake, DEFAULT_MESSAGES, type SashErrorCode } from "@/lib/badges";
import { SashError } from "@/lib/badges/errors";
import { codeOf } from "../support/errors";
import { OB2_ASSERTION, OB3_CREDENTIAL, basePng, bakePng, compactJws, iTXt, iTXtRaw } from "../support/bake";
import { deflateSync } from "node:zlib";

const bakeJson = (keyword: string, value: unknown) =>
  bakePng(basePng(), [iTXt(keyword, typeof value === "string" ? value : JSON.stringify(value))]);

describe("OB 2.0", () => {
  it("embedded badge class and issuer → full record; skills from tags + alignments, de-duplicated case-insensitively", async () => {
    const r = await unbake(bakeJson("openbadges", OB2_ASSERTION));
    expect(r).toEqual({
      spec: "ob2",
      title: "Robotics — Level 1 ®",
      description: "Builds small robots.",
      image: "https://issuer.example/badges/robotics.png",
      criteria: { narrative: "Build a robot.", url: "https://issuer.example/badges/robotics/criteria" },
      issuer: {
        id: "https://issuer.example/org",
        name: "Example Issuer",
        url: "https://issuer.example",
        email: "badges@issuer.example",
        image: null,
      },
      issuedOn: "2024-03-01T10:00:00Z",
      expires: "2027-03-01T10:00:00Z",
      recipient: { kind: "identity", type: "email", identity: "sha256$00aa", hashed: true, salt: "pepper" },
      skills: ["Robotics", "Soldering", "Electronics"],
      alignments: [{ name: "Electronics", url: "https://frameworks.example/e", framework: "Example", code: "E1" }],
      evidence: [
        { id: "https://issuer.example/work/1", name: "Portfolio", description: null, narrative: "Built a robot" },
      ],
      achievementType: null,
      results: [],
      endorsements: [],
      id: "https://issuer.example/assertions/1",
      source: { container: "png", encoding: "json", keyword: "openbadges" },
      unresolved: [],
      raw: JSON.stringify(OB2_ASSERTION),
      documents: { assertion: OB2_ASSERTION, badgeClass: OB2_ASSERTION.badge, issuer: OB2_ASSERTION.badge.issuer },
    });
  });

  it("a signed assertion (JWS) baked in iTXt openbadges", async () => {
    const jws = compactJws({ alg: "RS256" }, OB2_ASSERTION);
    const r = await unbake(bakePng(basePng(), [iTXt("openbadges", jws)]));
    expect(r).toMatchObject({ spec: "ob2", title: "Robotics — Level 1 ®", raw: jws, source: { encoding: "jws" } });
    expect(r.documents.assertion).toEqual(OB2_ASSERTION);
  });

  it("a compressed iTXt chunk reads the same", async () => {
    const r = await unbake(
      bakePng(basePng(), [iTXt("openbadges", JSON.stringify(OB2_ASSERTION), { compressed: true })]),
    );
    expect(r.title).toBe("Robotics — Level 1 ®");
  });
});

describe("OB 1.0", () => {
  it("0.5-style embedded badge: issued_on date, recipient string + salt, issuer origin", async () => {
    const r = await importPayload(
      JSON.stringify({
        recipient: "sha256$feedface",
        salt: "s1",
        issued_on: "2012-06-01",
        evidence: "/evidence/1",
        badge: {
          version: "0.5.0",
          name: "Backpack Pioneer",
          image: "/img/pioneer.png",
          description: "Early adopter",
          criteria: "/criteria.html",
          issuer: { origin: "https://old.example", name: "Old Org", org: "Dept", contact: "c@old.example" },
        },
      }),
    );
    expect(r).toMatchObject({
      spec: "ob1",
      title: "Backpack Pioneer",
      image: "https://old.example/img/pioneer.png",
      criteria: { url: "https://old.example/criteria.html" },
      issuer: { name: "Old Org", url: "https://old.example", email: "c@old.example" },
      issuedOn: "2012-06-01",
      recipient: { identity: "sha256$feedface", hashed: true, salt: "s1" },
      unresolved: [],
    });
  });

  it("unix-time issuedOn becomes ISO 8601", async () => {
    const r = await importPayload(
      JSON.stringify({
        uid: "x",
        issuedOn: 1400000000,
        recipient: { identity: "a@b.c", type: "email", hashed: false },
        badge: { name: "T" },
      }),
    );
    expect(r.issuedOn).toBe("2014-05-13T16:53:20.000Z");
  });
});

describe("OB 3.0", () => {
  it("VCDM 2.0 JSON: achievement title (not the top-level earner name), every alignment as a skill", async () => {
    const r = await unbake(bakeJson("openbadgecredential", OB3_CREDENTIAL));
    expect(r).toMatchObject({
      spec: "ob3",
      title: "Data Literacy",
      description: "Reads charts.",
      image: "https://issuer.example/a.png",
      criteria: { narrative: "Pass the test.", url: null },
      issuer: { id: "https://issuer.example/profile", name: "Example University", url: "https://issuer.example" },
      issuedOn: "2025-01-02T03:04:05Z",
      expires: "2030-01-01T00:00:00Z",
      recipient: {
        kind: "identifiers",
        subjectId: null,
        identifiers: [{ identityType: "emailAddress", identityHash: "sha256$abcd", hashed: true, salt: "s" }],
      },
      skills: ["Statistics", "Charts", "Interpret data", "EQF level 4"],
      id: "urn:uuid:11111111-2222-3333-4444-555555555555",
      source: { container: "png", encoding: "json", keyword: "openbadgecredential" },
    });
    expect(r.title).not.toBe("Jane Learner");
    expect(r.alignments.map((a) => a.name)).toEqual(["Interpret data", "EQF level 4"]);
  });

  it("VCDM 1.1: issuanceDate/expirationDate, AchievementCredential, issuer as a string", async () => {
    const { validFrom: _a, validUntil: _b, ...rest } = OB3_CREDENTIAL;
    const vc11 = {
      ...rest,
      "@context": ["https://www.w3.org/2018/credentials/v1"],
      type: ["VerifiableCredential", "AchievementCredential"],
      issuer: "did:example:issuer",
      issuanceDate: "2022-11-10T07:38:00-08:00",
      expirationDate: "2023-01-01T00:00:00Z",
    };
    const r = await importPayload(JSON.stringify(vc11));
    expect(r).toMatchObject({
      spec: "ob3",
      issuer: { id: "did:example:issuer", name: null },
      issuedOn: "2022-11-10T07:38:00-08:00",
      expires: "2023-01-01T00:00:00Z",
    });
  });

  it("skill-typed result descriptions count as skills", async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a deep edit of a JSON-LD document, as a hostile issuer could
    const cred = structuredClone(OB3_CREDENTIAL) as Record<string, any>;
    cred.credentialSubject.achievement.resultDescription = [
      { id: "urn:rd:1", type: ["ResultDescription"], name: "Python", resultType: "ext:SkillLevel" },
      { id: "urn:rd:2", type: ["ResultDescription"], name: "Final grade", resultType: "LetterGrade" },
    ];
    expect((await importPayload(JSON.stringify(cred))).skills).toContain("Python");
    expect((await importPayload(JSON.stringify(cred))).skills).not.toContain("Final grade");
  });

  it("VC-JWT baked in openbadgecredential", async () => {
    const jwt = compactJws({ alg: "RS256" }, { vc: OB3_CREDENTIAL, iss: "https://issuer.example/profile" });
    const r = await unbake(bakePng(basePng(), [iTXt("openbadgecredential", jwt)], "after-idat"));
    expect(r).toMatchObject({ spec: "ob3", title: "Data Literacy", source: { encoding: "vc-jwt" }, raw: jwt });
  });
});

describe("every error code", () => {
  it.each<[SashErrorCode, () => Promise<unknown>]>([
    ["UNSUPPORTED_FILE", () => unbake(Buffer.from("GIF89a......"))],
    ["CORRUPT_IMAGE", () => unbake(basePng().subarray(0, 30))],
    ["NO_BADGE_DATA", () => unbake(basePng())],
    ["PAYLOAD_TOO_LARGE", () => unbake(new Uint8Array(10 * 1024 * 1024 + 1))],
    [
      "PAYLOAD_TOO_LARGE",
      () => unbake(bakePng(basePng(), [iTXtRaw("openbadges", deflateSync(Buffer.alloc(3 * 1024 * 1024, 0x41)))])),
    ],
    ["INVALID_PAYLOAD", () => unbake(bakeJson("openbadges", '{"broken": '))],
    ["INVALID_PAYLOAD", () => unbake(bakeJson("openbadges", { hello: "world" }))],
    [
      "INVALID_PAYLOAD",
      () =>
        importPayload(JSON.stringify({ ...OB3_CREDENTIAL, type: ["VerifiableCredential", "EndorsementCredential"] })),
    ],
    [
      "INVALID_PAYLOAD",
      () =>
        importPayload(JSON.stringify({ "@context": "https://w3id.org/openbadges/v2", type: "BadgeClass", name: "x" })),
    ],
    ["REMOTE_UNAVAILABLE", () => importPayload("https://issuer.example/assertion.json")],
  ])("%s", async (expected, run) => {
    expect(await codeOf(run(), { type: SashError, message: /^.{11,}$/s })).toBe(expected);
  });

  it("every code has a learner-facing default message", () => {
    for (const message of Object.values(DEFAULT_MESSAGES)) expect(message).toMatch(/^[A-Z].+\.$/);
  });
});
