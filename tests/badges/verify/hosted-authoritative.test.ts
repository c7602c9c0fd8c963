// Issue #20 §3 "hosted is authoritative": for an OB 2.0 hosted assertion the assertion, BadgeClass
// and Issuer the issuer hosts (fetched by their ids through the real SSRF-safe fetcher from a local
// server on 127.0.0.1, allowed by name) are what is checked and shown. A baked copy that rewrites
// what people see is reported as a mismatch and never shown; a copy that leaves out the hosted
// `expires` can't outlive it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readCredential } from "@/lib/badges/ingest";
import { verifyCredential, type VerificationReport } from "@/lib/badges/verify";
import { createFetcher } from "@/lib/net/fetcher";
import { credentialFields } from "@/server/wallet/fields";
import { basePng, bakePng, iTXt } from "../../support/bake";
import { LEARNER_EMAIL, startServer } from "../../support/verify";

const check = (r: VerificationReport, id: string) => r.checks.find((c) => c.id === id)!;
const NOW = new Date("2026-06-01T00:00:00Z");

let server: Awaited<ReturnType<typeof startServer>>;
let o: string;
const fetcher = () => createFetcher({ allowHosts: [server.host] });

const hostedAssertion = (extra: Record<string, unknown> = {}) => ({
  "@context": "https://w3id.org/openbadges/v2",
  type: "Assertion",
  id: `${o}/assertions/1`,
  recipient: {
    type: "email",
    hashed: true,
    identity: "sha256$" + createHash("sha256").update(LEARNER_EMAIL).digest("hex"),
  },
  badge: `${o}/badge.json`,
  issuedOn: "2024-05-01T00:00:00Z",
  expires: "2030-05-01T00:00:00Z",
  verification: { type: "hosted" },
  ...extra,
});
const hostedBadge = () => ({
  "@context": "https://w3id.org/openbadges/v2",
  type: "BadgeClass",
  id: `${o}/badge.json`,
  name: "Intro to Welding",
  description: "Safe use of a MIG welder.",
  image: `${o}/badge.png`,
  criteria: { narrative: "Pass the shop test." },
  issuer: `${o}/issuer.json`,
});
const hostedIssuer = () => ({
  "@context": "https://w3id.org/openbadges/v2",
  type: "Issuer",
  id: `${o}/issuer.json`,
  name: "Harbor Valley Community College",
  url: o,
});

/** The assertion baked into a PNG, as a learner's download would carry it. */
const baked = (assertion: object) =>
  new Uint8Array(bakePng(basePng(), [iTXt("openbadges", JSON.stringify(assertion))]));

beforeAll(async () => {
  server = await startServer();
  o = server.origin;
  server.routes.set("/badge.json", { body: hostedBadge() });
  server.routes.set("/issuer.json", { body: hostedIssuer() });
});
afterAll(() => server.close());

async function importAndVerify(bytes: Uint8Array) {
  const { record } = await readCredential({ bytes }, { fetcher: fetcher() });
  const report = await verifyCredential(record!, { fetcher: fetcher(), recipientEmails: [LEARNER_EMAIL], now: NOW });
  return { record: record!, report };
}

describe("OB 2.0 hosted: the issuer's copy is checked and shown", () => {
  it("a genuine baked copy (embedding the same BadgeClass and Issuer) verifies and shows the hosted data", async () => {
    server.routes.set("/assertions/1", { body: hostedAssertion() });
    const file = { ...hostedAssertion(), badge: { ...hostedBadge(), issuer: hostedIssuer() } };
    const { record, report } = await importAndVerify(baked(file));
    expect(check(report, "hosted").status).toBe("pass");
    expect(report.result).toBe("valid");
    expect(record.title).toBe("Intro to Welding");
    expect(record.issuer.name).toBe("Harbor Valley Community College");
  });

  it("a baked copy rewritten to 'Doctor of Medicine — Harvard Medical School' is not valid, names the mismatch, and shows the hosted title and issuer", async () => {
    server.routes.set("/assertions/1", { body: hostedAssertion() });
    const forged = {
      ...hostedAssertion(),
      badge: {
        ...hostedBadge(),
        name: "Doctor of Medicine",
        description: "Awarded the degree of Doctor of Medicine.",
        issuer: { ...hostedIssuer(), name: "Harvard Medical School", url: "https://hms.harvard.edu" },
      },
    };
    const { record, report } = await importAndVerify(baked(forged));
    expect(report.result).not.toBe("valid");
    const hosted = check(report, "hosted");
    expect(hosted.status).not.toBe("pass");
    expect(hosted.message).toContain("its title");
    expect(hosted.message).toContain("its issuer's name");
    expect(hosted.message).toContain("Sash shows the issuer's copy");
    // Shown: the hosted documents, never the rewritten ones.
    expect(record.title).toBe("Intro to Welding");
    expect(record.description).toBe("Safe use of a MIG welder.");
    expect(record.issuer.name).toBe("Harbor Valley Community College");
    expect(credentialFields(record).issuerName).toBe("Harbor Valley Community College");
    expect(JSON.stringify(record.documents)).not.toContain("Harvard");
    // Verifying the stored record again (the "Verify again" path) says the same.
    const again = await verifyCredential(record, { fetcher: fetcher(), recipientEmails: [LEARNER_EMAIL], now: NOW });
    expect(again.result).not.toBe("valid");
    expect(check(again, "hosted").message).toContain("its title");
  });

  it("a copy that leaves out the hosted `expires` is not valid after the hosted assertion expired", async () => {
    server.routes.set("/assertions/1", { body: hostedAssertion({ expires: "2025-01-01T00:00:00Z" }) });
    const { expires: _dropped, ...copy } = hostedAssertion({ expires: "2025-01-01T00:00:00Z" });
    const { record, report } = await importAndVerify(baked(copy));
    expect(report.result).not.toBe("valid");
    expect(check(report, "expiry").status).toBe("fail");
    expect(check(report, "expiry").message).toContain("2025-01-01");
    expect(check(report, "hosted").message).toContain("its expiry date");
    expect(record.expires).toBe("2025-01-01T00:00:00Z");
  });

  it("the hosted recipient is the one checked", async () => {
    server.routes.set("/assertions/1", { body: hostedAssertion() });
    const { report } = await importAndVerify(baked(hostedAssertion()));
    expect(check(report, "recipient").status).toBe("pass");
    expect(report.result).toBe("valid");
  });

  it("offline import keeps the file's copy, and the verifier still compares it with the hosted one", async () => {
    server.routes.set("/assertions/1", { body: hostedAssertion() });
    const forged = { ...hostedAssertion(), badge: { ...hostedBadge(), name: "Doctor of Medicine" } };
    const { record } = await readCredential({ bytes: baked(forged) });
    const report = await verifyCredential(record!, { fetcher: fetcher(), recipientEmails: [LEARNER_EMAIL], now: NOW });
    expect(report.result).not.toBe("valid");
    expect(check(report, "hosted").message).toContain("its title");
  });
});
