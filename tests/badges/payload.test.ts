import { describe, expect, it } from "vitest";
import { parsePayload } from "@/lib/badges/payload";
import { SashError } from "@/lib/badges/errors";
import { OB2_ASSERTION, OB3_CREDENTIAL, compactJws } from "../support/bake";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SashError);
    return (e as SashError).code;
  }
  return "NO_ERROR";
}

describe("parsePayload", () => {
  it("JSON, ignoring a UTF-8 BOM and surrounding whitespace; raw kept exactly", () => {
    const raw = `\uFEFF \n\t${JSON.stringify(OB2_ASSERTION)}\n  `;
    const p = parsePayload(raw);
    expect(p.encoding).toBe("json");
    expect(p.raw).toBe(raw);
    if (p.encoding === "json") expect(p.value).toEqual(OB2_ASSERTION);
  });

  it("a bare URL", () => {
    expect(parsePayload("  https://issuer.example/a/1.json\r\n")).toMatchObject({
      encoding: "url",
      url: "https://issuer.example/a/1.json",
    });
    expect(parsePayload("http://example.org")).toMatchObject({ encoding: "url" });
  });

  it("a compact JWS carrying an OB 2.0 assertion", () => {
    const jws = compactJws({ alg: "RS256", typ: "JWT" }, OB2_ASSERTION);
    const p = parsePayload(jws);
    expect(p).toMatchObject({ encoding: "jws", header: { alg: "RS256" }, payload: { id: OB2_ASSERTION.id } });
  });

  it("a VC-JWT with the credential in a `vc` claim: registered claims fill gaps (VCDM 1.1 §6.3.1)", () => {
    const { id: _id, validFrom: _vf, validUntil: _vu, issuer: _iss, ...vc } = OB3_CREDENTIAL;
    const jwt = compactJws(
      { alg: "EdDSA" },
      {
        vc,
        iss: "https://issuer.example/profile",
        jti: "urn:uuid:9",
        nbf: 1262304000,
        exp: 1893456000,
        sub: "did:example:me",
      },
    );
    const p = parsePayload(jwt);
    expect(p.encoding).toBe("vc-jwt");
    if (p.encoding !== "vc-jwt") return;
    expect(p.credential).toMatchObject({
      id: "urn:uuid:9",
      issuer: "https://issuer.example/profile",
      issuanceDate: "2010-01-01T00:00:00.000Z",
      expirationDate: "2030-01-01T00:00:00.000Z",
      credentialSubject: { id: "did:example:me" },
    });
  });

  it("a VC-JOSE token with the credential claims at top level", () => {
    const p = parsePayload(compactJws({ alg: "RS256" }, OB3_CREDENTIAL));
    expect(p.encoding).toBe("vc-jwt");
    if (p.encoding === "vc-jwt") expect(p.credential).toEqual(OB3_CREDENTIAL);
  });

  it("INVALID_PAYLOAD for empty, non-JSON, non-object JSON and broken JWS", () => {
    expect(code(() => parsePayload("   "))).toBe("INVALID_PAYLOAD");
    expect(code(() => parsePayload("{not json"))).toBe("INVALID_PAYLOAD");
    expect(code(() => parsePayload("[1,2]"))).toBe("INVALID_PAYLOAD");
    expect(code(() => parsePayload("hello world"))).toBe("INVALID_PAYLOAD");
    expect(code(() => parsePayload("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln"))).toBe("INVALID_PAYLOAD");
    expect(code(() => parsePayload("bm90IGpzb24.eyJhIjoxfQ.c2ln"))).toBe("INVALID_PAYLOAD");
  });
});
