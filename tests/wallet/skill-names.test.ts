// Skill names a learner types (the picker's custom chips, or text posted in `skills`) are one line
// like titles: line breaks, control and bidi-override characters become spaces (lib/wallet/rules.ts
// toSingleLine), so a stored custom skill can't break the wallet's or the share page's layout.
import { describe, expect, it } from "vitest";
import { MAX_SKILL_NAME, skillFromText, skillsFromForm } from "@/server/wallet/skills";

describe("typed skill names", () => {
  it("become one line without control or bidi characters, for plain text, custom: keys and picker JSON", () => {
    const typed = "Knot\ntying\u202e  \u0007advanced";
    expect(skillFromText(typed)).toMatchObject({ name: "Knot tying advanced", skillKey: "custom:knot tying advanced" });
    const posted = skillsFromForm([
      "Rope\r\nsplicing",
      "custom:Sail\u2029trim",
      JSON.stringify({ name: "Chart\u2066 plotting", skillKey: "custom:chart plotting" }),
    ]);
    expect(posted.map((s) => s.name)).toEqual(["Rope splicing", "Sail trim", "Chart plotting"]);
    for (const s of posted) expect(s.name).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
  });

  it("are cut to MAX_SKILL_NAME characters and a name of only control characters is no skill", () => {
    expect(skillFromText(`${"a".repeat(MAX_SKILL_NAME)}bbb`)!.name).toHaveLength(MAX_SKILL_NAME);
    expect(skillFromText("\n\u0007\u202e")).toBeNull();
  });
});
