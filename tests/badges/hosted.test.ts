// Hosted payloads against a local server, allowed through SASH_ALLOW_FETCH_HOSTS.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPayload, unbake } from "@/lib/badges";
// The server's fetcher: it adds the hosts SASH_ALLOW_FETCH_HOSTS allows (set below); lib's allows only those it is given.
import { appFetcher as createFetcher } from "@/server/net";
import { json, startServer, type Route, type TestServer } from "../support/net";
import { basePng, bakePng, bakeSvg, compactJws, iTXt, tEXt } from "../support/bake";

let server: TestServer;
let o: string; // origin
let savedEnv: string | undefined;

beforeAll(async () => {
  // Routes reference the origin, so start first and fill the table after.
  const routes: Record<string, Route> = {};
  server = await startServer(new Proxy(routes, { get: (t, k: string) => t[k] }));
  o = server.origin;
  const table: Record<string, Route> = {
    // Credly-shaped OB 2.0: the bake carries only the badge class URL.
    "/obi/v2/issuers/abc/badge_classes/1": json({
      "@context": "https://w3id.org/openbadges/v2",
      type: "BadgeClass",
      id: `${o}/obi/v2/issuers/abc/badge_classes/1`,
      name: "Cloud Practitioner",
      description: "Knows the cloud.",
      image: { id: "https://images.example/cp.png" },
      criteria: { url: "https://example.org/criteria", narrative: "Pass the exam." },
      tags: ["Cloud", "AWS", "cloud"],
      alignment: [{ targetName: "Cloud Computing", targetUrl: "https://skills.example/cc" }],
      issuer: `${o}/obi/v2/issuers/abc`,
    }),
    "/obi/v2/issuers/abc": json({
      "@context": "https://w3id.org/openbadges/v2",
      type: "Issuer",
      id: `${o}/obi/v2/issuers/abc`,
      name: "Amazon Web Services Training and Certification",
      url: "https://aws.example",
    }),
    "/assertions/hosted.json": json({
      "@context": "https://w3id.org/openbadges/v2",
      type: "Assertion",
      id: `${o}/assertions/hosted.json`,
      recipient: { type: "email", hashed: false, identity: "learner@example.org" },
      issuedOn: "2020-05-05",
      verification: { type: "hosted" },
      badge: `${o}/obi/v2/issuers/abc/badge_classes/1`,
    }),
    "/ob1/assertion.json": json({
      uid: "u1",
      recipient: "sha256$deadbeef",
      salt: "nacl",
      issued_on: 1400000000,
      badge: `${o}/ob1/badge.json`,
      verify: { type: "hosted", url: `${o}/ob1/assertion.json` },
    }),
    "/ob1/badge.json": json({
      name: "Old School",
      description: "OB 1.0",
      image: "/img/old.png",
      criteria: "/criteria",
      issuer: `${o}/ob1/issuer.json`,
      tags: ["Nostalgia"],
    }),
    "/ob1/issuer.json": json({ name: "Backpack Org", url: "https://backpack.example", email: "hi@backpack.example" }),
    "/signed/assertion.jws": (_q, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(
        compactJws(
          { alg: "RS256" },
          {
            "@context": "https://w3id.org/openbadges/v2",
            type: "Assertion",
            id: "urn:uuid:1",
            recipient: { type: "email", identity: "a@b.c", hashed: false },
            issuedOn: "2021-01-01T00:00:00Z",
            verification: { type: "signed", creator: "https://k.example/key" },
            badge: `${o}/obi/v2/issuers/abc/badge_classes/1`,
          },
        ),
      );
    },
    "/redirect-to-private": (_q, res) => {
      res.writeHead(302, { location: "https://192.168.1.20/badge" });
      res.end();
    },
  };
  Object.assign(routes, table);
  savedEnv = process.env.SASH_ALLOW_FETCH_HOSTS;
  process.env.SASH_ALLOW_FETCH_HOSTS = `127.0.0.1:${server.port}`;
});

afterAll(async () => {
  if (savedEnv === undefined) delete process.env.SASH_ALLOW_FETCH_HOSTS;
  else process.env.SASH_ALLOW_FETCH_HOSTS = savedEnv;
  await server.close();
});

function credlyBake(badgeUrl: string): Buffer {
  const assertion = {
    "@context": "https://w3id.org/openbadges/v2",
    badge: badgeUrl,
    expires: "2027-02-06T00:00:00.000Z",
    evidence: [],
    id: "https://www.credly.com/api/v1/obi/v2/badge_assertions/test",
    issuedOn: "2024-02-06T00:00:00.000Z",
    recipient: { type: "email", identity: "sha256$abc", hashed: true },
    type: "Assertion",
    verification: { type: "hosted" },
  };
  return bakePng(basePng(), [tEXt("date:create", "2024-01-01"), iTXt("openbadges", JSON.stringify(assertion))]);
}

describe("hosted OB 2.0 badge class (Credly shape)", () => {
  it("with a fetcher: fetches the badge class and issuer and fills title, description, issuer, skills", async () => {
    const r = await unbake(credlyBake(`${o}/obi/v2/issuers/abc/badge_classes/1`), { fetcher: createFetcher() });
    expect(r).toMatchObject({
      spec: "ob2",
      title: "Cloud Practitioner",
      description: "Knows the cloud.",
      image: "https://images.example/cp.png",
      issuer: {
        id: `${o}/obi/v2/issuers/abc`,
        name: "Amazon Web Services Training and Certification",
        url: "https://aws.example",
      },
      skills: ["Cloud", "AWS", "Cloud Computing"],
      issuedOn: "2024-02-06T00:00:00.000Z",
      expires: "2027-02-06T00:00:00.000Z",
      unresolved: [],
    });
    expect(r.criteria.narrative).toBe("Pass the exam.");
    expect(r.documents.badgeClass?.name).toBe("Cloud Practitioner");
    expect(r.documents.issuer?.name).toBe("Amazon Web Services Training and Certification");
  });

  it("offline (no fetcher): dates only, URL listed as unresolved", async () => {
    const url = `${o}/obi/v2/issuers/abc/badge_classes/1`;
    const r = await unbake(credlyBake(url));
    expect(r).toMatchObject({
      title: null,
      issuedOn: "2024-02-06T00:00:00.000Z",
      unresolved: [{ url, reason: "OFFLINE", role: "badgeClass" }],
    });
  });

  it("fetch fails (404, refused redirect): still returns the dates and says why", async () => {
    const missing = await unbake(credlyBake(`${o}/obi/v2/nothing-here`), { fetcher: createFetcher() });
    expect(missing.unresolved).toEqual([{ url: `${o}/obi/v2/nothing-here`, reason: "HTTP_404", role: "badgeClass" }]);
    expect(missing.issuedOn).toBe("2024-02-06T00:00:00.000Z");
    const blocked = await unbake(credlyBake(`${o}/redirect-to-private`), { fetcher: createFetcher() });
    expect(blocked.unresolved[0]).toMatchObject({ reason: "FETCH_BLOCKED" });
    const localhost = await unbake(credlyBake("http://localhost:8000/public/badges/x"), { fetcher: createFetcher() });
    expect(localhost.unresolved[0]).toMatchObject({ reason: "FETCH_BLOCKED" });
  });
});

describe("URL payloads", () => {
  it("a tEXt URL bake (OB 1.0 style) pointing at an OB 2.0 assertion: assertion, badge class, issuer", async () => {
    const url = `${o}/assertions/hosted.json`;
    const r = await unbake(bakePng(basePng(), [tEXt("openbadges", url)]), { fetcher: createFetcher() });
    expect(r).toMatchObject({
      spec: "ob2",
      id: url,
      title: "Cloud Practitioner",
      issuedOn: "2020-05-05",
      raw: url,
      source: { container: "png", encoding: "url", keyword: "openbadges" },
      recipient: { identity: "learner@example.org", hashed: false },
    });
    expect(r.documents.assertion?.id).toBe(url);
  });

  it("an OB 1.0 hosted assertion: unix time, top-level recipient + salt, relative paths against the issuer origin", async () => {
    const r = await importPayload(`  ${o}/ob1/assertion.json\n`, { fetcher: createFetcher() });
    expect(r).toMatchObject({
      spec: "ob1",
      title: "Old School",
      issuedOn: "2014-05-13T16:53:20.000Z",
      image: "https://backpack.example/img/old.png",
      criteria: { url: "https://backpack.example/criteria" },
      issuer: { name: "Backpack Org", url: "https://backpack.example", email: "hi@backpack.example" },
      recipient: { kind: "identity", identity: "sha256$deadbeef", hashed: true, salt: "nacl" },
      skills: ["Nostalgia"],
      source: { container: null, encoding: "url" },
      id: `${o}/ob1/assertion.json`,
    });
  });

  it("a hosted signed assertion (JWS text) is decoded", async () => {
    const r = await importPayload(`${o}/signed/assertion.jws`, { fetcher: createFetcher() });
    expect(r).toMatchObject({ spec: "ob2", id: "urn:uuid:1", title: "Cloud Practitioner" });
  });

  it("an SVG whose verify attribute is the only data", async () => {
    const svg = bakeSvg(
      `<openbadges:assertion verify="${o}/assertions/hosted.json"><![CDATA[]]></openbadges:assertion>`,
    );
    const r = await unbake(svg, { fetcher: createFetcher() });
    expect(r).toMatchObject({ title: "Cloud Practitioner", source: { container: "svg", encoding: "url" } });
  });

  it("REMOTE_UNAVAILABLE when the assertion URL 404s, is refused, or there is no network", async () => {
    await expect(importPayload(`${o}/nope.json`, { fetcher: createFetcher() })).rejects.toMatchObject({
      code: "REMOTE_UNAVAILABLE",
    });
    await expect(
      importPayload("https://169.254.169.254/latest/meta-data", { fetcher: createFetcher() }),
    ).rejects.toMatchObject({
      code: "REMOTE_UNAVAILABLE",
    });
    await expect(importPayload(`${o}/assertions/hosted.json`)).rejects.toMatchObject({ code: "REMOTE_UNAVAILABLE" });
  });

  it("fetches each URL once per import (the fetcher caches)", async () => {
    const fetcher = createFetcher();
    const before = server.hits.get("/obi/v2/issuers/abc") ?? 0;
    await importPayload(`${o}/assertions/hosted.json`, { fetcher });
    await importPayload(`${o}/signed/assertion.jws`, { fetcher });
    expect(server.hits.get("/obi/v2/issuers/abc")).toBe(before + 1);
  });
});
