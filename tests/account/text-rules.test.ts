// Learner-written text is one line where it is a name or title, and free of control
// characters everywhere (issue #25 §2): lib/wallet/rules.ts, used by sign-up, the
// wallet's add/edit forms and the wallet service.
import { describe, expect, it } from "vitest";
import { credentialTextSchema, editCredentialSchema, nameSchema, toSingleLine } from "@/lib/wallet/rules";

describe("learner text rules", () => {
  it("names: one line, no control or bidi-override characters, at most 100 characters", () => {
    expect(nameSchema.parse("  Grace Hopper ")).toBe("Grace Hopper");
    expect(nameSchema.parse("Zoë Ó Súilleabháin-Nguyễn 李")).toBe("Zoë Ó Súilleabháin-Nguyễn 李");
    for (const bad of [
      "a\nb",
      "a\rb",
      "a\u0085b",
      "a\u2029b",
      "a\u0007b",
      "a\u202eb",
      "a\u2066b",
      "x".repeat(101),
      " ",
    ]) {
      expect(nameSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("credential titles are one line; descriptions keep line breaks and tabs but no other control characters", () => {
    expect(credentialTextSchema.parse({ title: "Teamwork", description: "Line one\nLine two\r\n\tindented" })).toEqual({
      title: "Teamwork",
      description: "Line one\nLine two\r\n\tindented",
    });
    const title = credentialTextSchema.safeParse({ title: "Teamwork\nURGENT: log in at https://evil.example" });
    expect(title.success).toBe(false);
    expect(title.error!.issues[0]!.path[0]).toBe("title");
    expect(credentialTextSchema.safeParse({ title: "T", description: "bell\u0007" }).success).toBe(false);
    expect(credentialTextSchema.safeParse({ title: "T", description: "rtl\u202eoverride" }).success).toBe(false);
    expect(
      editCredentialSchema.safeParse({ id: "6f1c1f1e-0000-4000-8000-000000000001", title: "a\u2028b" }).success,
    ).toBe(false);
  });

  it("text from a provider is made one line before it is stored", () => {
    expect(toSingleLine("Registrar,\r\n\r\nURGENT:\u0000 diploma\u2028revoked", 100)).toBe(
      "Registrar, URGENT: diploma revoked",
    );
    expect(toSingleLine("x".repeat(150), 100)).toHaveLength(100);
  });
});
