// The OpenID4VP matcher and link reader (issue #22 §3), pure: DCQL (§6) and Presentation Exchange 2.0.
import { describe, expect, it } from "vitest";
import {
  dcqlMatches,
  dcqlSatisfied,
  descriptorMatches,
  describeDcql,
  filterHolds,
  parseJsonPath,
  selectPath,
} from "@/lib/oid4vp/match";
import { clientPrefix, linkFromParams, readRequestLink } from "@/lib/oid4vp/request";
import { codeOf } from "../support/errors";

const badge = {
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  credentialSubject: { id: "did:key:z6Mk", achievement: { name: "Teamwork", criteria: { narrative: "x" } } },
};

describe("DCQL", () => {
  it("matches by type_values, claims paths and values", () => {
    const q = { id: "b", format: "ldp_vc", meta: { type_values: [["OpenBadgeCredential"]] } };
    expect(dcqlMatches(badge, q)).toBe(true);
    expect(dcqlMatches(badge, { ...q, format: "mso_mdoc" })).toBe(false);
    expect(dcqlMatches(badge, { ...q, meta: { type_values: [["UniversityDegreeCredential"]] } })).toBe(false);
    expect(
      dcqlMatches(badge, {
        ...q,
        claims: [{ path: ["credentialSubject", "achievement", "name"], values: ["Teamwork"] }],
      }),
    ).toBe(true);
    expect(
      dcqlMatches(badge, { ...q, claims: [{ path: ["credentialSubject", "achievement", "name"], values: ["Other"] }] }),
    ).toBe(false);
    expect(selectPath({ a: [{ b: 1 }, { b: 2 }] }, ["a", null, "b"])).toEqual([1, 2]);
    expect(describeDcql({ ...q, claims: [{ path: ["credentialSubject", "achievement", "name"] }] })).toEqual({
      kind: "OpenBadgeCredential",
      claims: ["achievement › name"],
    });
  });

  it("claim_sets: any one set suffices", () => {
    const q = {
      id: "b",
      format: "ldp_vc",
      claims: [
        { id: "x", path: ["nope"] },
        { id: "n", path: ["credentialSubject", "achievement", "name"] },
      ],
      claim_sets: [["x"], ["n"]],
    };
    expect(dcqlMatches(badge, q)).toBe(true);
  });

  it("credential_sets: required options, optional sets", () => {
    const query = {
      credentials: [
        { id: "a", format: "ldp_vc" },
        { id: "b", format: "ldp_vc" },
        { id: "c", format: "ldp_vc" },
      ],
      credential_sets: [{ options: [["a"], ["b"]] }, { options: [["c"]], required: false }],
    };
    expect(dcqlSatisfied(query, new Set(["b"]))).toBe(true);
    expect(dcqlSatisfied(query, new Set(["c"]))).toBe(false);
    expect(dcqlSatisfied({ credentials: query.credentials }, new Set(["a", "b"]))).toBe(false);
  });
});

describe("Presentation Exchange", () => {
  it("reads a JSONPath subset", () => {
    expect(parseJsonPath("$.credentialSubject['achievement'].name")).toEqual([
      "credentialSubject",
      "achievement",
      "name",
    ]);
    expect(parseJsonPath("$.type[*]")).toEqual(["type", null]);
    expect(parseJsonPath("$..name")).toBeNull();
  });

  it("filters with type, const, enum, pattern, contains", () => {
    expect(filterHolds(["A", "B"], { type: "array", contains: { const: "B" } })).toBe(true);
    expect(filterHolds(["A"], { type: "array", contains: { const: "B" } })).toBe(false);
    expect(filterHolds(["VerifiableCredential", "OpenBadgeCredential"], { type: "string", pattern: "OpenBadge" })).toBe(
      true,
    );
    expect(filterHolds("x", { enum: ["x", "y"] })).toBe(true);
    expect(filterHolds(3, { type: "string" })).toBe(false);
  });

  it("matches input descriptors; optional fields don't decide; $.vc paths read the credential", () => {
    const d = {
      id: "ob",
      constraints: {
        fields: [
          { path: ["$.vc.type", "$.type"], filter: { type: "array", contains: { const: "OpenBadgeCredential" } } },
          { path: ["$.credentialSubject.missing"], optional: true },
        ],
      },
    };
    expect(descriptorMatches(badge, d)).toBe(true);
    expect(
      descriptorMatches(badge, { id: "x", constraints: { fields: [{ path: ["$.credentialSubject.missing"] }] } }),
    ).toBe(false);
  });
});

describe("request links", () => {
  it("reads openid4vp://, haip:// and https links; refuses mdoc and junk", () => {
    expect(readRequestLink("openid4vp://?client_id=a&request_uri=https%3A%2F%2Fv.example%2Fr").request_uri).toBe(
      "https://v.example/r",
    );
    expect(readRequestLink("haip://?client_id=a&request_uri=https://v.example/r").client_id).toBe("a");
    expect(readRequestLink("https://v.example/authorize?client_id=a&request=e.f.g").request).toBe("e.f.g");
    expect(codeOf(() => readRequestLink("mdoc-openid4vp://?client_id=a&request_uri=x"))).toBe("OID4VP_UNSUPPORTED");
    expect(codeOf(() => readRequestLink("not a link"))).toBe("OID4VP_BAD_REQUEST");
    expect(codeOf(() => readRequestLink("openid4vp://?client_id=a"))).toBe("OID4VP_BAD_REQUEST");
    expect(linkFromParams({ client_id: "a", request_uri: "https://v.example/r", other: "x" })).toBe(
      "openid4vp://?client_id=a&request_uri=https%3A%2F%2Fv.example%2Fr",
    );
    expect(linkFromParams({})).toBeNull();
  });

  it("reads client identifier prefixes and the pre-1.0 client_id_scheme", () => {
    expect(clientPrefix("x509_san_dns:v.example")).toEqual({ prefix: "x509_san_dns", value: "v.example" });
    expect(clientPrefix("redirect_uri:https://v.example/cb")).toEqual({
      prefix: "redirect_uri",
      value: "https://v.example/cb",
    });
    expect(clientPrefix("decentralized_identifier:did:key:z6Mk").value).toBe("did:key:z6Mk");
    expect(clientPrefix("v.example", "x509_san_dns")).toEqual({ prefix: "x509_san_dns", value: "v.example" });
    expect(clientPrefix("did:web:v.example", "did").prefix).toBe("decentralized_identifier");
    expect(clientPrefix("https://v.example").prefix).toBe("pre-registered");
  });
});
