// Endorsements (issue #13 item 3): each is verified on its own — OB 3.0 with real did:key
// signatures and the issuer binding, OB 2.0 by its hosted copy on a local server through the
// real fetcher — and no endorsement outcome ever changes the credential's own result.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import { importPayload } from "@/lib/badges";
import { verifyCredential, type VerificationReport } from "@/lib/badges/verify";
import { createFetcher } from "@/lib/net/fetcher";
import { haveRealFixtures, realFixture } from "../../support/fixtures";
import {
  didKeySigner,
  LEARNER_EMAIL,
  ob3Credential,
  registryListing,
  signEddsaRdfc2022,
  startServer,
  tamperJson,
  type DidKeySigner,
} from "../../support/verify";

const NOW = new Date("2026-06-01T00:00:00Z");
const COMMENT = "Sash Test University runs this course to our standard.";

function endorsementOf(endorser: DidKeySigner, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: "urn:uuid:7d1f0e1c-5b7e-4a55-9a8f-0c2b1d3e4f50",
    type: ["VerifiableCredential", "EndorsementCredential"],
    name: "Guild endorsement",
    issuer: { id: endorser.did, type: ["Profile"], name: "Guild of Teamwork Trainers" },
    validFrom: "2020-01-01T00:00:00Z",
    credentialSubject: {
      id: "https://example.edu/achievements/teamwork",
      type: ["EndorsementSubject"],
      endorsementComment: COMMENT,
    },
    ...extra,
  };
}

/** Signs the credential (issuer did:key) carrying the given endorsement objects, and reads and verifies it. */
async function signedWith(issuer: DidKeySigner, endorsements: unknown[] | null, jwt: string[] = []) {
  const extra: Record<string, unknown> = {};
  if (endorsements) extra.endorsement = endorsements;
  if (jwt.length) extra.endorsementJwt = jwt;
  const signed = await signEddsaRdfc2022(ob3Credential(issuer.did, extra), issuer);
  const record = await importPayload(JSON.stringify(signed));
  // Issue #20: the credential's own issuer is a registered one (a did:key alone is key only, never valid).
  const registries = await registryListing({ [issuer.did]: "Sash Test University" });
  const report = await verifyCredential(record, { recipientEmails: [LEARNER_EMAIL], now: NOW, registries });
  return { record, report };
}

const statuses = (r: VerificationReport) => r.checks.map((c) => [c.id, c.status]);

/** A compact VC-JWT (EdDSA) of the endorsement, signed by `signer` with `kid` naming the endorser's did:key. */
async function endorsementJwtOf(vc: Record<string, unknown>, endorser: DidKeySigner, signer: DidKeySigner) {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o), "utf8").toString("base64url");
  const input = `${enc({ alg: "EdDSA", typ: "JWT", kid: endorser.methodId })}.${enc({ vc, iss: endorser.did })}`;
  const sig = await signer.key.signer().sign({ data: new TextEncoder().encode(input) });
  return `${input}.${Buffer.from(sig).toString("base64url")}`;
}

describe("OB 3.0 endorsements signed by a did:key", () => {
  let issuer: DidKeySigner;
  let endorser: DidKeySigner;
  let plain: VerificationReport;
  beforeAll(async () => {
    issuer = await didKeySigner();
    endorser = await didKeySigner();
    plain = (await signedWith(issuer, null)).report;
  });

  it("a credential without endorsements verifies (the baseline)", () => {
    expect(plain.result).toBe("valid");
    expect(plain.endorsements).toBeUndefined();
  });

  it("lists the endorser and its claim, and verifies the endorsement's own proof and issuer binding (a did:key endorser is key only)", async () => {
    const endorsement = await signEddsaRdfc2022(endorsementOf(endorser), endorser);
    const { record, report } = await signedWith(issuer, [endorsement]);
    expect(record.endorsements).toHaveLength(1);
    expect(record.endorsements![0]).toMatchObject({
      on: "credential",
      format: "ob3",
      issuer: { id: endorser.did, name: "Guild of Teamwork Trainers" },
      comment: COMMENT,
      issuedOn: "2020-01-01T00:00:00Z",
    });
    // Issue #20: the endorser's key is bound, but a did:key endorser's name is only its own claim.
    expect(report.endorsements).toEqual([
      { index: 0, status: "unverified", message: expect.stringContaining("only its own claim") },
    ]);
    expect(report.result).toBe("valid");
    expect(statuses(report)).toEqual(statuses(plain));
  });

  it("a tampered endorsement fails on its own; the credential stays valid", async () => {
    const endorsement = await signEddsaRdfc2022(endorsementOf(endorser), endorser);
    const tampered = JSON.parse(tamperJson(JSON.stringify(endorsement), "to our standard"));
    const { record, report } = await signedWith(issuer, [tampered]);
    expect(record.endorsements![0]!.comment).not.toBe(COMMENT);
    expect(report.endorsements![0]).toMatchObject({ index: 0, status: "failed" });
    expect(report.endorsements![0]!.message).toMatch(/signature/i);
    expect(report.result).toBe("valid");
    expect(statuses(report)).toEqual(statuses(plain));
  });

  it("an endorsement whose proof was made by another key than its issuer's is not verified", async () => {
    const stranger = await didKeySigner();
    // Names `endorser` as its issuer, but `stranger` signed it.
    const endorsement = await signEddsaRdfc2022(endorsementOf(endorser), stranger);
    const { report } = await signedWith(issuer, [endorsement]);
    expect(report.endorsements![0]!.status).toBe("failed");
    expect(report.result).toBe("valid");
  });

  it("an unsigned endorsement and an unreadable endorsementJwt are 'unverified', never the credential's problem", async () => {
    const { record, report } = await signedWith(issuer, [endorsementOf(endorser)], ["not.a-jwt.at-all"]);
    expect(record.endorsements!.map((e) => e.format)).toEqual(["ob3", "ob3-jwt"]);
    expect(report.endorsements!.map((e) => e.status)).toEqual(["unverified", "unverified"]);
    expect(report.result).toBe("valid");
    expect(statuses(report)).toEqual(statuses(plain));
  });
});

describe("OB 3.0 endorsementJwt", () => {
  it("a VC-JWT endorsement signed with the endorser's did:key is bound (key only: unverified); one signed by another key fails; the credential stays valid", async () => {
    const issuer = await didKeySigner();
    const endorser = await didKeySigner();
    const stranger = await didKeySigner();
    const vc = endorsementOf(endorser);
    const good = await endorsementJwtOf(vc, endorser, endorser);
    const forged = await endorsementJwtOf(vc, endorser, stranger);
    const { record, report } = await signedWith(issuer, null, [good, forged]);
    expect(record.endorsements!.map((e) => [e.format, e.issuer.name, e.comment])).toEqual([
      ["ob3-jwt", "Guild of Teamwork Trainers", COMMENT],
      ["ob3-jwt", "Guild of Teamwork Trainers", COMMENT],
    ]);
    expect(report.endorsements!.map((e) => e.status)).toEqual(["unverified", "failed"]); // issue #20: key only
    expect(report.result).toBe("valid");
  });
});

describe.skipIf(!haveRealFixtures("json/1edtech-dcpv_ob30-complete_di.json"))("1EdTech 'complete' OB 3.0", () => {
  const text = () => fs.readFileSync(realFixture("json/1edtech-dcpv_ob30-complete_di.json"), "utf8");

  it("three endorsements (credential, achievement, issuer) listed with endorser and claim; none changes the verdict", async () => {
    const record = await importPayload(text());
    expect(record.endorsements!.map((e) => e.on)).toEqual(["credential", "achievement", "issuer"]);
    for (const e of record.endorsements!) {
      expect(e.issuer).toEqual({ id: "https://accrediter.edu/issuers/565049", name: "Example Accrediting Agency" });
      expect(e.comment).toBe("1EdTech University is in good standing");
    }
    const report = await verifyCredential(record, { now: NOW, registries: null });
    // Their proofs name a cryptosuite that doesn't exist (eddsa-rdf-2022) and they expired in 2020.
    expect(report.endorsements!.map((e) => e.status)).not.toContain("verified");
    const without = await verifyCredential({ ...record, endorsements: [] }, { now: NOW, registries: null });
    expect(without.endorsements).toBeUndefined();
    expect(report.result).toBe(without.result);
    expect(statuses(report)).toEqual(statuses(without));
  });
});

describe("OB 2.0 hosted endorsements (local server, real fetcher)", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const fetcher = () => createFetcher({ allowHosts: [server.host] });
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const endorsement = (o: string, comment = "Well-run badge programme.") => ({
    "@context": "https://w3id.org/openbadges/v2",
    type: "Endorsement",
    id: `${o}/endorsements/1`,
    issuer: `${o}/endorser.json`,
    issuedOn: "2024-01-01T00:00:00Z",
    claim: { id: `${o}/badge.json`, endorsementComment: comment },
    verification: { type: "hosted" },
  });
  const assertion = (o: string, badgeEndorsement: unknown) => ({
    "@context": "https://w3id.org/openbadges/v2",
    type: "Assertion",
    id: `${o}/assertions/1`,
    recipient: { type: "email", hashed: false, identity: LEARNER_EMAIL },
    issuedOn: "2024-05-01T00:00:00Z",
    verification: { type: "hosted" },
    badge: {
      type: "BadgeClass",
      id: `${o}/badge.json`,
      name: "Endorsed badge",
      issuer: { type: "Issuer", id: `${o}/issuer.json`, name: "Hosted College" },
      endorsement: badgeEndorsement,
    },
  });
  function serve(o: string, hostedComment?: string) {
    server.routes.set("/endorsements/1", { body: endorsement(o, hostedComment) });
    server.routes.set("/endorser.json", { body: { type: "Issuer", id: `${o}/endorser.json`, name: "Badge Guild" } });
    server.routes.set("/issuer.json", { body: { type: "Issuer", id: `${o}/issuer.json`, name: "Hosted College" } });
  }

  it("an endorsement given by URL is fetched through the import's fetcher, named, and verified by its hosted copy", async () => {
    const o = server.origin;
    serve(o);
    server.routes.set("/assertions/1", { body: assertion(o, `${o}/endorsements/1`) });
    const record = await importPayload(JSON.stringify(assertion(o, `${o}/endorsements/1`)), { fetcher: fetcher() });
    expect(record.endorsements).toHaveLength(1);
    expect(record.endorsements![0]).toMatchObject({
      on: "achievement",
      format: "ob2",
      issuer: { id: `${o}/endorser.json`, name: "Badge Guild" },
      comment: "Well-run badge programme.",
    });
    const report = await verifyCredential(record, { fetcher: fetcher(), recipientEmails: [LEARNER_EMAIL], now: NOW });
    expect(report.endorsements).toEqual([{ index: 0, status: "verified", message: expect.any(String) }]);
    expect(report.checks.find((c) => c.id === "hosted")!.status).toBe("pass");
  });

  it("offline, a URL endorsement is listed by its address only and reported as not checked", async () => {
    const o = server.origin;
    const record = await importPayload(JSON.stringify(assertion(o, `${o}/endorsements/1`)));
    expect(record.endorsements![0]).toMatchObject({ id: `${o}/endorsements/1`, document: null, comment: null });
    const report = await verifyCredential(record, { now: NOW });
    expect(report.endorsements![0]!.status).toBe("unverified");
  });

  it("an embedded endorsement whose claim differs from the endorser's hosted copy fails; the badge's own result doesn't move", async () => {
    const o = server.origin;
    serve(o, "Well-run badge programme.");
    const good = assertion(o, endorsement(o));
    const changed = assertion(o, endorsement(o, "The best badge programme in the world."));
    server.routes.set("/assertions/1", { body: good });
    const opts = { fetcher: fetcher(), recipientEmails: [LEARNER_EMAIL], now: NOW };
    const okReport = await verifyCredential(await importPayload(JSON.stringify(good)), opts);
    server.routes.set("/assertions/1", { body: changed });
    const badReport = await verifyCredential(await importPayload(JSON.stringify(changed)), {
      ...opts,
      fetcher: fetcher(),
    });
    expect(okReport.endorsements![0]!.status).toBe("verified");
    expect(badReport.endorsements![0]!.status).toBe("failed");
    expect(badReport.result).toBe(okReport.result);
    expect(statuses(badReport)).toEqual(statuses(okReport));
  });
});
