import { describe, expect, it } from "vitest";
import { linkedInAddToProfileUrl } from "@/lib/share/linkedin";

describe("linkedInAddToProfileUrl", () => {
  it("builds the add-to-profile certification URL with every field encoded", () => {
    const url = new URL(
      linkedInAddToProfileUrl({
        name: "Data & Analysis <Level 2>",
        organizationName: "Example Academy",
        issuedOn: new Date("2024-03-12T00:00:00Z"),
        expires: new Date("2027-11-30T00:00:00Z"),
        certUrl: "https://sash.example/c/AbCdEfGhIjKlMnOpQrStUv",
        certId: "AbCdEfGhIjKlMnOpQrStUv",
      }),
    );
    expect(url.origin + url.pathname).toBe("https://www.linkedin.com/profile/add");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "Data & Analysis <Level 2>",
      organizationName: "Example Academy",
      issueYear: "2024",
      issueMonth: "3",
      expirationYear: "2027",
      expirationMonth: "11",
      certUrl: "https://sash.example/c/AbCdEfGhIjKlMnOpQrStUv",
      certId: "AbCdEfGhIjKlMnOpQrStUv",
    });
  });

  it("omits what isn't known", () => {
    const url = new URL(
      linkedInAddToProfileUrl({
        name: "X",
        organizationName: null,
        issuedOn: null,
        expires: null,
        certUrl: "https://s.example/c/a",
        certId: null,
      }),
    );
    expect([...url.searchParams.keys()]).toEqual(["startTask", "name", "certUrl"]);
  });
});
