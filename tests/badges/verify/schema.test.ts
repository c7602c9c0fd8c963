// Issue #13 item 4: the `schema` check. credentialSchema entries of type
// 1EdTechJsonSchemaValidator2019 are validated against the bundled 1EdTech JSON Schemas
// (lib/badges/verify/schemas); a schema URL Sash has no copy of is a warn and is never
// fetched. Real fixtures that declare credentialSchema, and generated credentials signed
// here with a fresh did:key (complete, and missing a required property).
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { unbake } from "@/lib/badges";
import { verifyCredential, type VerificationReport } from "@/lib/badges/verify";
import { bundledSchemaUrls, checkCredentialSchema } from "@/lib/badges/verify/schema";
import { haveRealFixtures, realFixture } from "../../support/fixtures";
import {
  didKeySigner,
  LEARNER_EMAIL,
  mapFetcher,
  ob3Credential,
  record,
  registryListing,
  signEddsaRdfc2022,
  type DidKeySigner,
} from "../../support/verify";

const NOW = new Date("2026-06-01T00:00:00Z");
const check = (r: VerificationReport, id: string) => r.checks.find((c) => c.id === id)!;
const OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
const json = (rel: string) => JSON.parse(fs.readFileSync(realFixture(rel), "utf8")) as Record<string, unknown>;

describe("generated OB 3.0 credentials (VCDM 2.0) that name the 1EdTech schema", () => {
  let signer: DidKeySigner;
  beforeAll(async () => {
    signer = await didKeySigner();
  });
  // 1EdTechJsonSchemaValidator2019 is defined in the OB 3.0 extensions context (JSON-LD safe mode needs it).
  const CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
  ];
  const withSchema = (issuer: string) =>
    ob3Credential(issuer, {
      "@context": CONTEXT,
      credentialSchema: [{ id: OB_SCHEMA, type: "1EdTechJsonSchemaValidator2019" }],
    });

  it("a complete, signed credential passes the schema check and is valid", async () => {
    const signed = await signEddsaRdfc2022(withSchema(signer.did), signer);
    const r = await verifyCredential(record("ob3", "json", JSON.stringify(signed)), {
      now: NOW,
      recipientEmails: [LEARNER_EMAIL],
      registries: await registryListing({ [signer.did]: "Sash Test University" }), // issue #20: a registered issuer
    });
    expect(check(r, "schema")).toEqual({
      id: "schema",
      status: "pass",
      message: "The credential follows the Open Badges 3.0 schema.",
    });
    expect(r.result).toBe("valid");
  });

  it("one missing a required property (the achievement's criteria) fails the check naming it, and is never valid", async () => {
    const unsigned = withSchema(signer.did);
    const subject = unsigned.credentialSubject as { achievement: Record<string, unknown> };
    delete subject.achievement.criteria;
    // Signed after the change: the signature is good, only the structure is wrong.
    const signed = await signEddsaRdfc2022(unsigned, signer);
    const r = await verifyCredential(record("ob3", "json", JSON.stringify(signed)), {
      now: NOW,
      recipientEmails: [LEARNER_EMAIL],
      registries: await registryListing({ [signer.did]: "Sash Test University" }), // issue #20: a registered issuer
    });
    expect(check(r, "signature").status).toBe("pass");
    expect(check(r, "issuer").status).toBe("pass");
    expect(check(r, "schema").status).toBe("fail");
    expect(check(r, "schema").message).toBe(
      'The credential doesn\'t follow the Open Badges 3.0 schema it names: "criteria" is missing in credentialSubject.achievement.',
    );
    expect(r.result).toBe("indeterminate");
  });

  it("a wrong type names the property by its path", () => {
    const c = withSchema(signer.did);
    c.validFrom = 20200101;
    const out = checkCredentialSchema(c);
    expect(out.status).toBe("fail");
    expect(out.message).toContain('"validFrom" must be string');
  });

  it("a schema URL Sash has no copy of is a warn and is never fetched", async () => {
    const other = "https://schemas.example.org/my-badge.json";
    const c = ob3Credential(signer.did, {
      "@context": CONTEXT,
      credentialSchema: [
        { id: OB_SCHEMA, type: "1EdTechJsonSchemaValidator2019" },
        { id: other, type: "1EdTechJsonSchemaValidator2019" },
      ],
    });
    const signed = await signEddsaRdfc2022(c, signer);
    const fetcher = mapFetcher({ [other]: { type: "object" } });
    const r = await verifyCredential(record("ob3", "json", JSON.stringify(signed)), {
      now: NOW,
      fetcher,
      recipientEmails: [LEARNER_EMAIL],
      registries: await registryListing({ [signer.did]: "Sash Test University" }), // issue #20: a registered issuer
    });
    expect(check(r, "schema").status).toBe("warn");
    expect(check(r, "schema").message).toContain(other);
    expect(check(r, "schema").message).toContain("follows the Open Badges 3.0 schema");
    expect(fetcher.calls).not.toContain(other);
    expect(r.result).toBe("valid"); // an unchecked schema doesn't change the verdict
  });

  it("no credentialSchema, or another validator type: skip", () => {
    expect(checkCredentialSchema(ob3Credential(signer.did)).status).toBe("skip");
    const c = ob3Credential(signer.did, { credentialSchema: { id: OB_SCHEMA, type: "JsonSchema" } });
    expect(checkCredentialSchema(c).status).toBe("skip");
  });

  it("bundles the OB 3.0 achievement and endorsement schemas and the CLR 2.0 schema", () => {
    expect(bundledSchemaUrls()).toEqual([
      OB_SCHEMA,
      "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential_schema.json",
      "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json",
    ]);
  });
});

const FILES = [
  "json/1edtech-dcpv_ob30-complete_di.json",
  "json/1edtech-dcpv_ob30-endorsement_di.json",
  "json/dcc_v2-both-didkey_endorsement-with-schema.json",
  "json/educredentials_ob3-unsigned_uvh-microcredential-results-alignments.json",
  "json/educredentials_ob3-unsigned_theed-extracurricular-data-uri-image.json",
  "json/clr/1edtech-dcpv_clr20-simple_di.json",
  "json/clr/1edtech-spec_clr20-ldp-test-vector_signed.json",
  "json/clr/1edtech-dcpv_clr20-simple_noproof.json",
  "png/credly-aws_cloud-practitioner_ob3.png",
  "png/credly-coursera_google-cybersecurity-v2_ob3.png",
  "png/credly-isc2_certified-in-cybersecurity_ob3.png",
];

describe.skipIf(!haveRealFixtures(...FILES))("real credentials that declare credentialSchema", () => {
  it("the 1EdTech OB 3.0 complete and endorsement credentials and the DCC endorsement follow their schemas", () => {
    expect(checkCredentialSchema(json(FILES[0]!))).toEqual({
      status: "pass",
      message: "The credential follows the Open Badges 3.0 schema.",
    });
    for (const f of [FILES[1]!, FILES[2]!])
      expect(checkCredentialSchema(json(f))).toEqual({
        status: "pass",
        message: "The credential follows the Open Badges 3.0 endorsement schema.",
      });
  });

  it("educredentials: the 1EdTech schema passes, their own schemas (not bundled) are a warn naming the URL", () => {
    const out = checkCredentialSchema(json(FILES[3]!));
    expect(out.status).toBe("warn");
    expect(out.message).toContain("follows the Open Badges 3.0 schema");
    expect(out.message).toContain(
      "https://raw.githubusercontent.com/educredentials/obv3-examples/refs/heads/main/schemas/microcredential.json",
    );
    expect(checkCredentialSchema(json(FILES[4]!)).status).toBe("warn");
  });

  it("CLR 2.0: the VCDM 1.1 CLR follows the bundled CLR schema; VCDM 2.0 CLRs are a warn (no bundled copy for them)", () => {
    expect(checkCredentialSchema(json(FILES[7]!))).toEqual({
      status: "pass",
      message: "The credential follows the CLR 2.0 schema.",
    });
    for (const f of [FILES[5]!, FILES[6]!]) {
      const out = checkCredentialSchema(json(f));
      expect(out.status).toBe("warn");
      expect(out.message).toContain("CLR 2.0 schema");
    }
  });

  it("Credly OB 3.0 badges follow the 3.0.3 schema in its compacted form: a single `type` string is a set of one (issue #20)", async () => {
    const payload = async (f: string) => JSON.parse((await unbake(fs.readFileSync(realFixture(f)))).raw);
    expect(checkCredentialSchema(await payload(FILES[8]!)).status).toBe("pass");
    // Coursera's alignment[].type and ISC2's evidence[].type are single strings: JSON-LD compaction
    // writes a set of one that way, so they pass (they failed before issue #20).
    expect(checkCredentialSchema(await payload(FILES[9]!))).toEqual({
      status: "pass",
      message: "The credential follows the Open Badges 3.0 schema.",
    });
    expect(checkCredentialSchema(await payload(FILES[10]!)).status).toBe("pass");
    // A real violation stays a failure that names the property, single value or not.
    const broken = await payload(FILES[9]!);
    broken.credentialSubject.achievement.alignment[0].type = 42;
    const out = checkCredentialSchema(broken);
    expect(out.status).toBe("fail");
    expect(out.message).toContain("credentialSubject.achievement.alignment[0].type");
  });
});
