// Every real-world file in ../shared/fixtures/real against expected.json and the SOURCES.md gotchas.
// Offline: no fetcher, so hosted data shows up in `unresolved`.
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { extractBakedText, importPayload, unbake, type ParsedCredential } from "@/lib/badges";
import { SashError } from "@/lib/badges/errors";
import { cleanPayloadText } from "@/lib/badges/payload";
import { codeOf } from "../support/errors";
import { haveRealFixtures, REAL_FIXTURES } from "../support/fixtures";

const root = REAL_FIXTURES;
const present = haveRealFixtures("expected.json", "SOURCES.md");

interface ExpectedItem {
  file: string;
  baked?: boolean;
  payload?: string | null;
  ob_version?: string;
  vc_types?: string[];
  type?: string | string[];
  title?: string | null;
  credential_name?: string | null;
  issuer?: string | null;
  issuer_id?: string;
  issued?: string | null;
  expires?: string | null;
  skills?: string[];
  alignments?: string[];
  assertion_id?: string;
  badge_url?: string | null;
  badge_embedded?: boolean;
  recipient_hashed?: boolean | null;
  recipient_salted?: boolean;
  url?: string;
  clr_nested_credentials?: string[];
}

const items: ExpectedItem[] = present
  ? JSON.parse(fs.readFileSync(path.join(root, "expected.json"), "utf8")).items
  : [];
const read = (file: string) => fs.readFileSync(path.join(root, file));

const SPEC: Record<string, ParsedCredential["spec"]> = { "1.0": "ob1", "2.0": "ob2", "3.0": "ob3" };
const BADGE_TYPES = ["OpenBadgeCredential", "AchievementCredential"];

const SASH = { type: SashError };

const sorted = (xs: string[]) => [...xs].sort((a, b) => a.localeCompare(b));
const dedupe = (xs: string[]) => xs.filter((x, i) => xs.findIndex((y) => y.toLowerCase() === x.toLowerCase()) === i);

/** The field-by-field comparison shared by images and pasted JSON/JWT. */
function checkRecord(record: ParsedCredential, item: ExpectedItem): void {
  expect(record.spec).toBe(SPEC[item.ob_version!]);
  if ("title" in item) expect(record.title).toBe(item.title);
  if ("issuer" in item) expect(record.issuer.name).toBe(item.issuer);
  if (item.issuer_id) expect(record.issuer.id).toBe(item.issuer_id);
  if ("issued" in item) expect(record.issuedOn).toBe(item.issued);
  if ("expires" in item) expect(record.expires).toBe(item.expires);
  // Issue #13: OB 3.0 alignment targetNames join the skills as OB 2.0 alignments do (expected.json predates that).
  const skills = record.spec === "ob3" ? dedupe([...(item.skills ?? []), ...(item.alignments ?? [])]) : item.skills;
  if (item.skills) expect(sorted(record.skills)).toEqual(sorted(skills!));
  if (item.alignments) expect(record.alignments.map((a) => a.name)).toEqual(item.alignments);
  if (item.assertion_id) expect(record.id).toBe(item.assertion_id);
  if (item.badge_embedded === false && item.badge_url) {
    // Credly-style hosted badge class: offline → dates only, URL listed as unresolved.
    expect(record.unresolved).toContainEqual({ url: item.badge_url, reason: "OFFLINE", role: "badgeClass" });
    expect(record.title).toBeNull();
  }
  if (item.recipient_hashed === null) expect(record.recipient).toBeNull();
  else if (typeof item.recipient_hashed === "boolean") {
    expect(record.recipient?.kind).toBe("identity");
    if (record.recipient?.kind === "identity") {
      expect(record.recipient.hashed).toBe(item.recipient_hashed);
      expect(record.recipient.salt !== null).toBe(item.recipient_salted);
    }
  }
  if (record.spec === "ob3" && item.credential_name && item.credential_name !== item.title) {
    // Gotcha 16: never the credential's top-level name (Credly puts the earner there).
    expect(record.title).not.toBe(item.credential_name);
  }
  expect(record.documents.assertion).not.toBeNull();
  expect(typeof record.raw).toBe("string");
}

describe.skipIf(!present)("real corpus: baked images", () => {
  const images = items.filter((i) => i.file.startsWith("png/") || i.file.startsWith("svg/"));

  it("expected.json lists every PNG and SVG in the folders", () => {
    const onDisk = ["png", "svg"].flatMap((d) => fs.readdirSync(path.join(root, d)).map((f) => `${d}/${f}`));
    expect(sorted(images.map((i) => i.file))).toEqual(sorted(onDisk));
  });

  it.each(images.map((i) => [i.file, i] as const))("%s", async (file, item) => {
    const bytes = read(file);
    const container = file.startsWith("png/") ? "png" : "svg";
    if (item.baked === false) {
      expect(await codeOf(unbake(bytes), SASH)).toBe("NO_BADGE_DATA");
      return;
    }
    if (item.payload === "invalid-json") {
      expect(await codeOf(unbake(bytes), SASH)).toBe("INVALID_PAYLOAD");
      return;
    }
    if (item.payload === "url") {
      const found = extractBakedText(bytes);
      expect(found.container).toBe(container);
      if (item.url) expect(cleanPayloadText(found.text)).toBe(item.url);
      // URL-only bake, offline: a clear REMOTE_UNAVAILABLE, not a crash.
      expect(await codeOf(unbake(bytes), SASH)).toBe("REMOTE_UNAVAILABLE");
      return;
    }
    const record = await unbake(bytes);
    expect(record.source.container).toBe(container);
    expect(record.source.encoding).toBe(item.payload === "jws" ? (record.spec === "ob3" ? "vc-jwt" : "jws") : "json");
    expect(record.source.keyword).toBe(
      container === "png"
        ? record.spec === "ob3"
          ? "openbadgecredential"
          : "openbadges"
        : record.spec === "ob3"
          ? "credential"
          : "assertion",
    );
    checkRecord(record, item);
  });
});

describe.skipIf(!present)("real corpus: pasted JSON and JWT", () => {
  const pasted = items.filter(
    (i) =>
      i.file.startsWith("json/") && !i.file.startsWith("json/contexts/") && !i.file.startsWith("json/test-vectors/"),
  );

  it.each(pasted.map((i) => [i.file, i] as const))("%s", async (file, item) => {
    const text = read(file).toString("utf8");
    const isBadge = item.vc_types ? item.vc_types.some((t) => BADGE_TYPES.includes(t)) : item.ob_version === "2.0";
    if (item.ob_version === "CLR 2.0") {
      // Issue #13: a learner record (its nested credentials and achievements: tests/badges/clr.test.ts).
      const record = await importPayload(text);
      expect(record).toMatchObject({
        spec: "clr2",
        title: item.title,
        issuer: { name: item.issuer, id: item.issuer_id },
      });
      expect(record.issuedOn).toBe(item.issued);
      expect(record.credentials!.map((c) => c.documents.assertion!.name)).toEqual(item.clr_nested_credentials);
      return;
    }
    if (!isBadge) {
      // Endorsements, status lists, bare VCs, keys, profiles, badge classes: not a badge.
      expect(await codeOf(importPayload(text), SASH)).toBe("INVALID_PAYLOAD");
      return;
    }
    const record = await importPayload(text);
    expect(record.source.container).toBeNull();
    expect(record.source.encoding).toBe(item.payload === "jws" ? (record.spec === "ob3" ? "vc-jwt" : "jws") : "json");
    expect(record.raw).toBe(text);
    checkRecord(record, item);
  });
});

describe.skipIf(!present)("real corpus: gotchas from SOURCES.md", () => {
  const png = (f: string) => unbake(read(`png/${f}`));

  it("#5 decodes iTXt as UTF-8: curly quotes in Credly OB3 issuer text, emoji in the VirtualBadge narrative", async () => {
    const coursera = await png("credly-coursera_google-cybersecurity-v2_ob3.png");
    const issuer = coursera.documents.assertion!.issuer as { description: string };
    expect(issuer.description).toContain("world\u2019s best");
    expect(coursera.raw).not.toContain("â€™");
    const vb = await png("virtualbadge-platformengineering_intro-to-platform-engineering_ob2.png");
    expect(vb.evidence[0]?.narrative).toContain("💬");
  });

  it("#9 Credly OB 2.0 offline: dates and id only, badge class URL unresolved", async () => {
    const r = await png("credly-aws_cloud-practitioner_ob2.png");
    expect(r).toMatchObject({
      spec: "ob2",
      title: null,
      description: null,
      skills: [],
      issuedOn: "2024-02-06T00:00:00.000Z",
    });
    expect(r.unresolved).toHaveLength(1);
    expect(r.unresolved[0]!.url).toMatch(/^https:\/\/www\.credly\.com\/api\/v1\/obi\/v2\/issuers\/7b741b5c/);
  });

  it("#10 VirtualBadge's OB 1.x `verify` key under an OB 2.0 context is still OB 2.0", async () => {
    expect((await png("virtualbadge-platformengineering_intro-to-platform-engineering_ob2.png")).spec).toBe("ob2");
  });

  it("#11 unsalted Credly hashes are identical across one earner's badges; edubadges uses type id", async () => {
    const a = await png("credly-aws_cloud-practitioner_ob2.png");
    const b = await png("credly-comptia_a-plus-ce_ob2.png");
    expect(a.recipient).toEqual(b.recipient);
    expect(a.recipient).toMatchObject({ kind: "identity", type: "email", hashed: true, salt: null });
    const edu = await png("edubadges-localdev_introduction-to-political-science_ob2.png");
    expect(edu.recipient).toMatchObject({ type: "id", hashed: true });
    const ob1 = await png("badgr-testfile_baked-image_ob1-json.png");
    expect(ob1.recipient).toEqual({
      kind: "identity",
      type: "email",
      identity: "test@example.com",
      hashed: false,
      salt: null,
    });
  });

  it("#13 evidence as a bare URL, PlainTextEvidence and UrlEvidence", async () => {
    expect((await png("1edtech-validatorcore_baked-heart_ob2-pretty.png")).evidence).toEqual([
      { id: "https://example.org/beths-robot-work.html", name: null, description: null, narrative: null },
    ]);
    expect((await png("credly-linuxfoundation_lfcs_ob2.png")).evidence).toEqual([
      {
        id: null,
        name: "Certificate ID Number",
        description: "LF-6yhuhe243r",
        narrative: null,
        genre: "PlainTextEvidence",
      },
    ]);
    expect((await png("credly-isc2_certified-in-cybersecurity_ob2.png")).evidence[0]).toMatchObject({
      id: "https://www.isc2.org/MemberVerification",
    });
    expect((await png("credly-aws_cloud-practitioner_ob2.png")).evidence).toEqual([]);
  });

  it("#14 never fetches extension contexts; localhost URLs are refused, not followed", async () => {
    const r = await png("edubadges-localdev_introduction-to-political-science_ob2.png");
    expect(r.unresolved.map((u) => u.url)).toEqual(["http://localhost:8000/public/badges/1dLF1AfdTYqJ-CBJCosQAQ"]);
  });

  it("#16/#24 Credly OB 3.0: achievement name as title, tags as skills, identifier recipient", async () => {
    const r = await png("credly-aws_cloud-practitioner_ob3.png");
    expect(r.title).toBe("AWS Certified Cloud Practitioner");
    expect((r.documents.assertion as { name: string }).name).not.toBe(r.title);
    expect(r.recipient).toMatchObject({
      kind: "identifiers",
      identifiers: [{ identityType: "emailAddress", hashed: true, salt: null }],
    });
    expect(r.issuer.image).toMatch(/^https:\/\/images\.credly\.com\//);
    expect(r.image).toMatch(/^https:\/\//);
  });

  it("#20 both VC-JWT shapes: `vc` claim (1.1) and claims at top level (VC-JOSE)", async () => {
    const vc11 = await importPayload(read("json/1edtech-dcpv_ob30-simple_vcjwt-nokey.jwt").toString());
    expect(vc11).toMatchObject({
      spec: "ob3",
      id: "http://example.edu/credentials/3732",
      issuedOn: "2010-01-01T00:00:00Z",
    });
    const jose = await png("1edtech-dcpv_ob30-simple-jwt_ob3-jws.png");
    expect(jose).toMatchObject({ spec: "ob3", source: { encoding: "vc-jwt" }, title: "Teamwork" });
  });

  it("#22 a data: URI image is kept as the achievement image", async () => {
    const r = await importPayload(
      read("json/educredentials_ob3-unsigned_theed-extracurricular-data-uri-image.json").toString(),
    );
    expect(r.image).toMatch(/^data:image\/jpeg;base64,/);
  });

  it("#8 SVG with only a verify URL and empty CDATA falls back to the URL", async () => {
    const found = extractBakedText(read("svg/BAD_mozilla-bakery-testfile_no-json.svg"));
    expect(cleanPayloadText(found.text)).toBe("http://example.org");
  });
});
