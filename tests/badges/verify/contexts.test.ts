// Bundled JSON-LD contexts: identical to the published documents, and the loader never fetches.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { haveRealFixtures, realFixture } from "../../support/fixtures";
import {
  bundledContext,
  bundledContextUrls,
  staticDocumentLoader,
  UnknownContextError,
} from "@/lib/badges/verify/document-loader";

const REF = realFixture("json/contexts");
const HAVE = haveRealFixtures("json/contexts/index.json");

describe("bundled contexts", () => {
  it("covers VC 1.1/2.0, OB 3.0.0–3.0.3, Data Integrity v1/v2, Ed25519-2020, Multikey and the status-list contexts", () => {
    const urls = bundledContextUrls();
    for (const url of [
      "https://www.w3.org/2018/credentials/v1",
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
      "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
      "https://w3id.org/security/data-integrity/v1",
      "https://w3id.org/security/data-integrity/v2",
      "https://w3id.org/security/suites/ed25519-2020/v1",
      "https://w3id.org/security/multikey/v1",
      "https://www.w3.org/ns/credentials/status/v1",
      "https://w3id.org/vc/status-list/2021/v1",
      "https://www.w3.org/ns/did/v1",
      "https://www.w3.org/ns/cid/v1",
    ]) {
      expect(urls, url).toContain(url);
    }
  });

  it.skipIf(!HAVE)("are identical to the reference copies of the published documents", () => {
    const index = JSON.parse(fs.readFileSync(path.join(REF, "index.json"), "utf8")).contexts as Record<string, string>;
    let compared = 0;
    for (const [url, file] of Object.entries(index)) {
      const mine = bundledContext(url);
      if (mine === undefined) continue; // third-party/example contexts Sash deliberately doesn't ship
      expect(mine, url).toEqual(JSON.parse(fs.readFileSync(path.join(REF, file), "utf8")));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(14);
  });

  it("refuses any URL it doesn't bundle instead of fetching it", async () => {
    const load = staticDocumentLoader();
    await expect(load("https://example.org/evil-context.json")).rejects.toBeInstanceOf(UnknownContextError);
    const doc = await load("https://www.w3.org/ns/credentials/v2");
    expect(doc.documentUrl).toBe("https://www.w3.org/ns/credentials/v2");
  });
});
