// CLR 2.0 import (issue #13 item 1): the real 1EdTech files, generated records signed with real keys, every
// door (pasted JSON, VC-JWT, hosted URL, baked PNG and SVG), and hostile records refused with a code.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { importPayload, OB3_SVG_NAMESPACE, SashError, unbake, type ParsedCredential } from "@/lib/badges";
import { codeOf } from "../support/errors";
import { MAX_CLR_ACHIEVEMENTS, MAX_CLR_CREDENTIALS } from "@/lib/badges/limits";
import { basePng, bakePng, bakeSvg, iTXt } from "../support/bake";
import {
  clrAchievement,
  clrCredential,
  jwtClr,
  nestedAchievementId,
  nestedCredential,
  signedClr,
  signVcJwt,
  jwtIssuer,
  CLR_LEARNER_DID,
} from "../support/clr";
import { SignJWT } from "jose";
import { haveRealFixtures, realFixture } from "../support/fixtures";
import { verifyCredential } from "@/lib/badges/verify";
import { mapFetcher } from "../support/verify";
import { importProblem } from "@/lib/wallet/messages";

const COMPLEX = "json/clr/1edtech-dcpv_clr20-complex_ed25519sig2020.json";
const SIMPLE_DI = "json/clr/1edtech-dcpv_clr20-simple_di.json";
const NOPROOF = "json/clr/1edtech-dcpv_clr20-simple_noproof.json";
const VCJWT = "json/clr/1edtech-dcpv_clr20-simple_vcjwt-embedded-jwk.jwt";
const VECTOR = "json/clr/1edtech-spec_clr20-ldp-test-vector_signed.json";
const read = (f: string) => fs.readFileSync(realFixture(f), "utf8");

/** Every refusal is a SashError whose message is a learner's sentence. */
const SASH = { type: SashError, message: /^[A-Z].+\.$/ };

const titles = (r: ParsedCredential) => r.credentials!.map((c) => c.title);

describe.skipIf(!haveRealFixtures(COMPLEX, SIMPLE_DI, NOPROOF, VCJWT, VECTOR))("the five real CLR 2.0 files", () => {
  it("the complex record: Ellis Monday by Western High School, RSD, six nested achievements and their associations", async () => {
    const text = read(COMPLEX);
    const r = await importPayload(text);
    expect(r).toMatchObject({
      spec: "clr2",
      title: "Ellis Monday",
      issuer: { name: "Western High School, RSD", id: "urn:uuid:4ca4a241-fc3b-4d92-978e-f56fa96ae795" },
      issuedOn: "2022-12-05T21:39:07Z",
      expires: null,
      raw: text,
      source: { container: null, encoding: "json", keyword: null },
    });
    expect(titles(r)).toEqual([
      "Nurse Assistant 1 Program with Licensure",
      "Health Careers 1",
      "Human Anatomy and Physiology",
      "Intro to Health Careers",
      "Nurse Assisting 1",
      "Oregon State Board of Nursing - Certified Nursing Assistant",
    ]);
    // Each nested credential is a record of its own, with its own raw JSON (the object as it sits in the file).
    const nestedInFile = JSON.parse(text).credentialSubject.verifiableCredential as unknown[];
    r.credentials!.forEach((c, i) => {
      expect(c).toMatchObject({ spec: "ob3", issuer: { name: "Western High School, RSD" } });
      expect(c.source).toEqual({ container: null, encoding: "json", keyword: null });
      expect(JSON.parse(c.raw)).toEqual(nestedInFile[i]);
      expect(c.credentials).toBeUndefined();
    });
    expect(r.clr!.achievements.map((a) => [a.title, a.achievementType, a.credentialIndex])).toEqual([
      ["Nurse Assistant 1 Program with Licensure", "Diploma", 0],
      ["Health Careers 1", "Course", 1],
      ["Human Anatomy and Physiology", "Course", 2],
      ["Intro to Health Careers", "Course", 3],
      ["Nurse Assisting 1", "Course", 4],
      ["Oregon State Board of Nursing - Certified Nursing Assistant", "Badge", 5],
    ]);
    const program = r.clr!.achievements[0]!.id!;
    expect(r.clr!.associations.map((a) => a.associationType)).toEqual([
      "isParentOf",
      "isParentOf",
      "isParentOf",
      "isParentOf",
      "isPartOf",
    ]);
    expect(r.clr!.associations.filter((a) => a.sourceId === program)).toHaveLength(4);
    expect(r.clr!.associations[4]!.targetId).toBe(program);
  });

  it("the simple Data Integrity record: one nested badge by another issuer, two achievements without a credential", async () => {
    const r = await importPayload(read(SIMPLE_DI));
    expect(r).toMatchObject({
      spec: "clr2",
      title: "Sample Transcript",
      issuer: { name: "Example University", id: "https://example.edu/issuers/565049" },
      issuedOn: "2010-01-01T00:00:00Z",
      recipient: { kind: "identifiers", subjectId: "did:example:ebfeb1f712ebc6f1c276e12ec21" },
    });
    expect(r.credentials!.map((c) => [c.title, c.issuer.name, c.documents.assertion!.name])).toEqual([
      ["Teamwork", "Example Corp", "Teamwork Badge"],
    ]);
    expect(r.clr!.achievements.map((a) => [a.title, a.credentialIndex])).toEqual([
      ["Teamwork", 0],
      ["Achievement 1", null],
      ["Achievement 2", null],
    ]);
    expect(r.clr!.achievements[1]).toEqual({
      id: "urn:uuid:a7467ef6-56cb-11ec-bf63-0242ac130002",
      title: "Achievement 1",
      description: "Achievement 1",
      achievementType: null,
      image: "https://example.edu/achievements/sample.png",
      credentialIndex: null,
    });
    expect(r.clr!.associations).toEqual([
      {
        associationType: "isParentOf",
        sourceId: "urn:uuid:a7467ef6-56cb-11ec-bf63-0242ac130002",
        targetId: "urn:uuid:dd887f0a-56cb-11ec-bf63-0242ac130002",
      },
    ]);
  });

  it("the test vector and the unsigned record: the nested degree awards Achievement 1, so only Achievement 2 stands alone", async () => {
    for (const f of [VECTOR, NOPROOF]) {
      const r = await importPayload(read(f));
      expect(r).toMatchObject({ spec: "clr2", title: "Sample Transcript", issuer: { name: "Example University" } });
      expect(r.credentials!.map((c) => c.documents.assertion!.name)).toEqual(["Example University Degree"]);
      expect(r.clr!.achievements.map((a) => [a.title, a.credentialIndex])).toEqual([
        ["Achievement 1", 0],
        ["Achievement 2", null],
      ]);
    }
  });

  it("the VC-JWT record (CLR 2.0 §8.2): the credential in the vc claim, its nested degree a compact JWT kept as its raw", async () => {
    const jwt = read(VCJWT).trim();
    const r = await importPayload(jwt);
    expect(r).toMatchObject({
      spec: "clr2",
      title: "Sample Transcript",
      issuer: { name: "Example University" },
      issuedOn: "2010-01-01T00:00:00Z",
      raw: jwt,
      source: { encoding: "vc-jwt" },
    });
    const nestedJwt = JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")).vc.credentialSubject
      .verifiableCredential[0] as string;
    expect(r.credentials).toHaveLength(1);
    expect(r.credentials![0]).toMatchObject({
      spec: "ob3",
      title: "Achievement 1",
      raw: nestedJwt,
      source: { container: null, encoding: "vc-jwt" },
      issuedOn: "2010-01-01T00:00:00Z",
    });
    expect(r.credentials![0]!.documents.assertion!.name).toBe("Example University Degree");
  });
});

describe("generated CLRs through every door", () => {
  it("pasted JSON: nested records in document order, skills the union of theirs, the ClrSubject as recipient", async () => {
    const { clr, nestedSigner } = await signedClr({
      count: 3,
      achievements: [clrAchievement(nestedAchievementId(1), "Course 2"), clrAchievement("urn:x:extra", "Leadership")],
      associations: [
        { associationType: "precedes", sourceId: nestedAchievementId(0), targetId: nestedAchievementId(1) },
      ],
    });
    const r = await importPayload(JSON.stringify(clr));
    expect(r).toMatchObject({
      spec: "clr2",
      title: "Sash Test College Transcript",
      description: "Courses completed at Sash Test College.",
      issuedOn: "2020-01-01T00:00:00Z",
      recipient: { kind: "identifiers", subjectId: CLR_LEARNER_DID },
    });
    expect(titles(r)).toEqual(["Course 1", "Course 2", "Course 3"]);
    expect(r.credentials!.every((c) => c.issuer.id === nestedSigner.did)).toBe(true);
    expect(r.skills).toEqual(["Skill 1", "Teamwork", "Skill 2", "Skill 3"]);
    expect(r.clr!.achievements.map((a) => [a.title, a.achievementType, a.credentialIndex])).toEqual([
      ["Course 1", "Course", 0],
      ["Course 2", "Course", 1],
      ["Course 3", "Course", 2],
      ["Leadership", "Competency", null],
    ]);
    expect(r.clr!.associations).toEqual([
      { associationType: "precedes", sourceId: nestedAchievementId(0), targetId: nestedAchievementId(1) },
    ]);
  });

  it("baked into a PNG (openbadgecredential iTXt) and an SVG (credential element): the same record", async () => {
    const { clr } = await signedClr({ count: 2 });
    const text = JSON.stringify(clr);
    const png = await unbake(bakePng(basePng(), [iTXt("openbadgecredential", text)]));
    const svg = await unbake(
      bakeSvg(`<openbadges:credential><![CDATA[${text}]]></openbadges:credential>`, { namespace: OB3_SVG_NAMESPACE }),
    );
    expect(png.source).toEqual({ container: "png", encoding: "json", keyword: "openbadgecredential" });
    expect(svg.source).toEqual({ container: "svg", encoding: "json", keyword: "credential" });
    for (const r of [png, svg]) {
      expect(r).toMatchObject({ spec: "clr2", title: "Sash Test College Transcript", raw: text });
      expect(titles(r)).toEqual(["Course 1", "Course 2"]);
    }
  });

  it("a VC-JWT record with nested VC-JWTs, and one baked in an SVG's verify attribute", async () => {
    const { jwt, nested, nestedIssuer } = await jwtClr(2);
    const r = await importPayload(jwt);
    expect(r).toMatchObject({ spec: "clr2", title: "Sash Test College Transcript", source: { encoding: "vc-jwt" } });
    expect(r.credentials!.map((c) => [c.raw, c.source.encoding, c.issuer.id])).toEqual([
      [nested[0], "vc-jwt", nestedIssuer.did],
      [nested[1], "vc-jwt", nestedIssuer.did],
    ]);
    const svg = await unbake(bakeSvg(`<openbadges:credential verify="${jwt}"/>`, { namespace: OB3_SVG_NAMESPACE }));
    expect(svg).toMatchObject({ spec: "clr2", raw: jwt, source: { container: "svg", encoding: "vc-jwt" } });
  });

  it("a JWT whose whole payload is the ClrCredential (VC-JOSE, no vc claim): the same record", async () => {
    const issuer = await jwtIssuer();
    const nested = await signVcJwt(nestedCredential(issuer.did, 0), issuer);
    const jwt = await new SignJWT(clrCredential(issuer.did, { nested: [nested] }))
      .setProtectedHeader({ alg: "EdDSA", kid: `${issuer.did}#0` })
      .sign(issuer.privateKey);
    const r = await importPayload(jwt);
    expect(r).toMatchObject({ spec: "clr2", title: "Sash Test College Transcript", source: { encoding: "vc-jwt" } });
    expect(r.credentials!.map((c) => c.raw)).toEqual([nested]);
  });

  it("a hosted URL: the record is fetched through the given fetcher", async () => {
    const { clr } = await signedClr({ count: 1 });
    const url = "https://college.example/records/ada.json";
    const r = await importPayload(url, { fetcher: mapFetcher({ [url]: clr }) });
    expect(r).toMatchObject({ spec: "clr2", source: { encoding: "url" }, raw: url });
    expect(titles(r)).toEqual(["Course 1"]);
  });

  it("a record with no credentialSubject is read with no nested credentials (no crash)", async () => {
    const { credentialSubject: _s, ...bare } = clrCredential("did:example:issuer", { nested: [] });
    const r = await importPayload(JSON.stringify(bare));
    expect(r).toMatchObject({ spec: "clr2", credentials: [], clr: { achievements: [], associations: [] } });
  });
});

describe("hostile learner records are refused with a code", () => {
  const issuer = "did:example:issuer";
  const wrap = (nested: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify(clrCredential(issuer, { nested: nested as Array<Record<string, unknown>>, ...extra }));

  it("a CLR inside a CLR: CLR_NESTED (depth 1), as an object or as a JWT", async () => {
    const inner = clrCredential(issuer, { nested: [nestedCredential(issuer, 0)] });
    expect(await codeOf(importPayload(wrap([nestedCredential(issuer, 0), inner])), SASH)).toBe("CLR_NESTED");
    const { jwt } = await jwtClr(1);
    expect(await codeOf(importPayload(wrap([jwt])), SASH)).toBe("CLR_NESTED");
  });

  it(`more than ${MAX_CLR_CREDENTIALS} nested credentials or ${MAX_CLR_ACHIEVEMENTS} achievements: CLR_TOO_LARGE, before any is read`, async () => {
    const many = Array.from({ length: MAX_CLR_CREDENTIALS + 1 }, () => ({}));
    expect(await codeOf(importPayload(wrap(many)), SASH)).toBe("CLR_TOO_LARGE");
    const achievements = Array.from({ length: MAX_CLR_ACHIEVEMENTS + 1 }, (_, i) => clrAchievement(`urn:a:${i}`, "A"));
    expect(await codeOf(importPayload(wrap([], { achievements })), SASH)).toBe("CLR_TOO_LARGE");
    // At the limit it is read.
    const atLimit = Array.from({ length: MAX_CLR_CREDENTIALS }, (_, i) => nestedCredential(issuer, i));
    expect((await importPayload(wrap(atLimit))).credentials).toHaveLength(MAX_CLR_CREDENTIALS);
  });

  it("a nested entry that isn't a badge credential: INVALID_PAYLOAD naming its position", async () => {
    for (const bad of [
      42,
      null,
      "not a token",
      "https://college.example/credential.json",
      { ...nestedCredential(issuer, 0), type: ["VerifiableCredential", "EndorsementCredential"] },
    ]) {
      const p = importPayload(wrap([nestedCredential(issuer, 0), bad]));
      expect(await codeOf(p, SASH)).toBe("INVALID_PAYLOAD");
      await expect(p).rejects.toThrow(/Credential 2/);
    }
  });

  it("the add-credential flow words both codes for the learner (not the generic 'problem on our side')", () => {
    for (const code of ["CLR_NESTED", "CLR_TOO_LARGE"]) {
      const p = importProblem(code);
      expect(p.heading).toMatch(/learner record/);
      expect(p.message).not.toBe(importProblem("NO_SUCH_CODE").message);
    }
  });

  it("junk in achievements and associations is skipped, never a crash", async () => {
    const r = await importPayload(
      wrap([nestedCredential(issuer, 0)], {
        achievements: [7, "x", null, { type: "Achievement" }, { id: ["a"], name: { en: "b" } }],
        associations: [
          { associationType: "isChildOf", sourceId: "a" },
          5,
          { associationType: 1, sourceId: "a", targetId: "b" },
        ],
      }),
    );
    expect(r.clr!.achievements.map((a) => a.title)).toEqual(["Course 1"]);
    expect(r.clr!.associations).toEqual([]);
  });
});

describe("seeded structural fuzzing of a learner record", () => {
  /** mulberry32, so a failure can be replayed from its seed. */
  function prng(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const JUNK: unknown[] = [
    null,
    0,
    -1,
    1e308,
    "",
    "x.y.z",
    "eyJhIjoxfQ.eyJ2YyI6e319.",
    [],
    {},
    [[]],
    { type: "ClrCredential" },
    true,
  ];

  /** Replaces 1–4 randomly chosen values anywhere in the document with junk. */
  function mutate(doc: unknown, rnd: () => number): unknown {
    const copy = structuredClone(doc);
    for (let k = 0, n = 1 + Math.floor(rnd() * 4); k < n; k++) {
      let node = copy as Record<string, unknown>;
      for (let depth = 0; depth < 8; depth++) {
        const keys = Object.keys(node);
        if (keys.length === 0) break;
        const key = keys[Math.floor(rnd() * keys.length)]!;
        const child = node[key];
        if (rnd() < 0.35 || typeof child !== "object" || child === null) {
          node[key] = structuredClone(JUNK[Math.floor(rnd() * JUNK.length)]);
          break;
        }
        node = child as Record<string, unknown>;
      }
    }
    return copy;
  }

  it("400 mutated records: each imports or fails with a SashError, and every imported one verifies to a report", async () => {
    const { clr } = await signedClr({ count: 3, achievements: [clrAchievement("urn:a:1", "Extra")] });
    const rnd = prng(13);
    const outcomes = new Map<string, number>();
    let verified = 0;
    for (let i = 0; i < 400; i++) {
      const text = JSON.stringify(mutate(clr, rnd));
      let record: ParsedCredential | null = null;
      try {
        record = await importPayload(text);
        outcomes.set(record.spec, (outcomes.get(record.spec) ?? 0) + 1);
      } catch (err) {
        expect(err, `seed 13, iteration ${i}`).toBeInstanceOf(SashError);
        const code = (err as SashError).code;
        outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
      }
      if (record && i % 20 === 0) {
        const report = await verifyCredential(record, { now: new Date("2026-11-28T00:00:00Z") });
        expect(["valid", "invalid", "indeterminate"]).toContain(report.result);
        if (record.credentials) expect(report.credentials).toHaveLength(record.credentials.length);
        verified++;
      }
    }
    // The mutations reach both outcomes: records still read, and records refused with a code.
    expect(outcomes.get("clr2") ?? 0).toBeGreaterThan(50);
    expect(outcomes.get("INVALID_PAYLOAD") ?? 0).toBeGreaterThan(10);
    expect(verified).toBeGreaterThan(5);
  });
});
