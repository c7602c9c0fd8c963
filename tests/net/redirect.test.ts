import { describe, expect, it } from "vitest";
import { sameOriginPath, sameOriginUrl } from "@/lib/net/redirect";

const origin = "https://sash.example.edu";

describe("callbackUrl stays on this origin", () => {
  it("sends every spelling of another host to /wallet", () => {
    for (const evil of [
      "/%5Cevil.example",
      "/\\evil.example",
      "//evil.example",
      "https://evil.example",
      "http://sash.example.edu.evil.example/wallet",
      "/\t/evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "//sash.example.edu@evil.example",
      "https://sash.example.edu:8443/wallet",
      "http://sash.example.edu/wallet",
      "/%2F%2Fevil.example",
      "%",
      "",
      "x".repeat(3000),
    ]) {
      expect(sameOriginPath(evil, origin), JSON.stringify(evil.slice(0, 40))).toBe("/wallet");
    }
    expect(sameOriginPath(undefined, origin)).toBe("/wallet");
    expect(sameOriginPath(["/jobs"], origin)).toBe("/wallet");
  });

  it("keeps paths, queries and absolute URLs on this origin", () => {
    expect(sameOriginPath("/wallet/c/123?tab=share#x", origin)).toBe("/wallet/c/123?tab=share#x");
    expect(sameOriginPath("/jobs", origin)).toBe("/jobs");
    expect(sameOriginPath("https://sash.example.edu/pathways", origin)).toBe("/pathways");
    expect(sameOriginPath("jobs", origin)).toBe("/jobs");
    // The URL parser reads a same-scheme "https:x" as a relative path; what we hand back is that path.
    expect(sameOriginPath("https:evil.example", origin)).toBe("/evil.example");
    expect(sameOriginUrl("/jobs", origin)).toBe("https://sash.example.edu/jobs");
    expect(sameOriginUrl("https://evil.example", origin)).toBe("https://sash.example.edu/wallet");
  });
});
