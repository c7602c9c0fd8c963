import { describe, expect, it } from "vitest";
import { findSvgBadge, OB2_SVG_NAMESPACE, OB3_SVG_NAMESPACE } from "@/lib/badges/svg";
import { unbake } from "@/lib/badges";
import { OB2_ASSERTION, OB3_CREDENTIAL, bakeSvg, compactJws } from "../support/bake";

const ob2 = JSON.stringify(OB2_ASSERTION, null, 2);
const ob3 = JSON.stringify(OB3_CREDENTIAL);

describe("findSvgBadge", () => {
  it("reads OB 2.0 JSON from CDATA with surrounding whitespace", () => {
    const svg = bakeSvg(
      `<openbadges:assertion verify="https://issuer.example/assertions/1">\n  <![CDATA[\n${ob2}\n  ]]>\n</openbadges:assertion>`,
    );
    const el = findSvgBadge(svg.toString("utf8"));
    expect(el).toMatchObject({
      localName: "assertion",
      namespace: OB2_SVG_NAMESPACE,
      verify: "https://issuer.example/assertions/1",
    });
    expect(JSON.parse(el!.body)).toEqual(OB2_ASSERTION);
  });

  it("accepts any prefix bound to the namespace, and a default-namespace element", () => {
    const prefixed = bakeSvg(`<ob:credential><![CDATA[${ob3}]]></ob:credential>`, {
      prefix: "ob",
      namespace: OB3_SVG_NAMESPACE,
    });
    expect(findSvgBadge(prefixed.toString())?.localName).toBe("credential");
    const dflt = `<svg xmlns="http://www.w3.org/2000/svg"><g><credential xmlns="${OB3_SVG_NAMESPACE}"><![CDATA[${ob3}]]></credential></g></svg>`;
    expect(findSvgBadge(dflt)?.body).toBe(ob3);
  });

  it("finds the element wherever it sits, binding declared on an inner element", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><defs/><g><g xmlns:x="${OB2_SVG_NAMESPACE}"><x:assertion><![CDATA[${ob2}]]></x:assertion></g></g></svg>`;
    expect(findSvgBadge(svg)?.localName).toBe("assertion");
  });

  it("ignores the right local name in the wrong namespace (and the prefix name alone)", () => {
    const svg = bakeSvg(`<openbadges:assertion><![CDATA[${ob2}]]></openbadges:assertion>`, {
      namespace: "http://example.org/not-badges",
    });
    expect(findSvgBadge(svg.toString())).toBeNull();
  });

  it("takes a JWS from the verify attribute of an empty element", () => {
    const jws = compactJws({ alg: "RS256" }, OB3_CREDENTIAL);
    const svg = bakeSvg(`<openbadges:credential verify="${jws}"></openbadges:credential>`, {
      namespace: OB3_SVG_NAMESPACE,
    });
    expect(findSvgBadge(svg.toString())).toMatchObject({ body: "", verify: jws });
  });

  it("decodes the predefined XML entities of a non-CDATA body", () => {
    const escaped = ob2.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
    const el = findSvgBadge(bakeSvg(`<openbadges:assertion>${escaped}</openbadges:assertion>`).toString());
    expect(JSON.parse(el!.body)).toEqual(OB2_ASSERTION);
  });

  it("never expands entities declared in a DOCTYPE (no billion laughs, no XXE)", () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB2_SVG_NAMESPACE}"><openbadges:assertion verify="&xxe;">&lol3;</openbadges:assertion></svg>`;
    const el = findSvgBadge(lol);
    expect(el?.body).toBe("&lol3;");
    expect(el?.verify).toBe("&xxe;");
  });

  it("returns null for an SVG without badge data", () => {
    expect(findSvgBadge('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')).toBeNull();
  });
});

describe("unbake on baked SVGs", () => {
  it("reads OB 2.0 and OB 3.0 bakes, with a DOCTYPE present", async () => {
    const r2 = await unbake(
      bakeSvg(`<openbadges:assertion><![CDATA[${ob2}]]></openbadges:assertion>`, { doctype: true }),
    );
    expect(r2).toMatchObject({
      spec: "ob2",
      title: "Robotics — Level 1 ®",
      source: { container: "svg", encoding: "json", keyword: "assertion" },
    });
    const r3 = await unbake(
      bakeSvg(`<openbadges:credential><![CDATA[${ob3}]]></openbadges:credential>`, {
        namespace: OB3_SVG_NAMESPACE,
        doctype: true,
      }),
    );
    expect(r3).toMatchObject({
      spec: "ob3",
      title: "Data Literacy",
      source: { container: "svg", keyword: "credential" },
    });
  });

  it("reads a VC-JWT from the verify attribute", async () => {
    const jws = compactJws({ alg: "ES256" }, OB3_CREDENTIAL);
    const r = await unbake(bakeSvg(`<openbadges:credential verify="${jws}"/>`, { namespace: OB3_SVG_NAMESPACE }));
    expect(r).toMatchObject({ spec: "ob3", title: "Data Literacy", raw: jws, source: { encoding: "vc-jwt" } });
  });

  it("tolerates a UTF-8 BOM and leading whitespace before the XML", async () => {
    const svg = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from("\n  "),
      bakeSvg(`<openbadges:assertion><![CDATA[${ob2}]]></openbadges:assertion>`),
    ]);
    expect((await unbake(svg)).title).toBe("Robotics — Level 1 ®");
  });

  it("reports NO_BADGE_DATA, INVALID_PAYLOAD and CORRUPT_IMAGE", async () => {
    await expect(unbake(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).rejects.toMatchObject({
      code: "NO_BADGE_DATA",
    });
    await expect(
      unbake(bakeSvg("<openbadges:assertion><![CDATA[{not json]]></openbadges:assertion>")),
    ).rejects.toMatchObject({
      code: "INVALID_PAYLOAD",
    });
    await expect(unbake(bakeSvg("<openbadges:assertion>   </openbadges:assertion>"))).rejects.toMatchObject({
      code: "INVALID_PAYLOAD",
    });
    await expect(unbake(Buffer.from("<?xml version='1.0'?><html><svg></html>"))).rejects.toMatchObject({
      code: "CORRUPT_IMAGE",
    });
  });
});
