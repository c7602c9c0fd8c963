import { describe, expect, it } from "vitest";
import { coreSkillText, normalizeSkillText, singular, slugify, withoutBrackets } from "@/lib/skills/normalize";

describe("normalizeSkillText", () => {
  it.each([
    ["Microsoft Excel", "microsoft excel"],
    ["  MS-Excel ", "ms excel"],
    ["ms_excel", "ms excel"],
    ["Health & Safety", "health and safety"],
    ["Problem-solving", "problem solving"],
    ["driver's licence", "driver license"],
    ["Organisational Skills", "organizational skill"],
    ["Data Visualisation", "data visualization"],
    ["Colour theory", "color theory"],
    ["Paediatric nursing", "pediatric nursing"],
    ["Modelling", "modeling"],
    ["Technologies", "technology"],
    ["Switches", "switch"],
    ["Databases", "database"],
    ["Business", "business"],
    ["Analysis", "analysis"],
    ["Canvas", "canvas"],
    ["C++", "c++"],
    ["C#", "c#"],
    ["CompTIA A+", "comptia a+"],
    ["Node.js", "node js"],
    ['"Teamwork"!', "teamwork"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeSkillText(input)).toBe(expected);
  });

  it("applies Unicode NFKC: full-width letters and ligatures become plain ASCII", () => {
    expect(normalizeSkillText("ＥＸＣＥＬ")).toBe("excel");
    expect(normalizeSkillText("ﬁrst aid")).toBe("first aid");
  });

  it("folds Latin accents but leaves other scripts intact", () => {
    expect(normalizeSkillText("Résumé writing")).toBe("resume writing");
    expect(normalizeSkillText("Café")).toBe(normalizeSkillText("cafe"));
    expect(normalizeSkillText("Straße")).toBe("strasse");
    expect(normalizeSkillText("データ分析")).toBe("データ分析");
    expect(normalizeSkillText("デ")).toBe("デ"); // the voiced mark is not a Latin accent
    expect(normalizeSkillText("数据 分析")).toBe("数据 分析");
    expect(normalizeSkillText("한국어")).toBe("한국어");
  });

  it("keeps -ise words that are not -ize verbs", () => {
    expect(normalizeSkillText("Enterprise exercise expertise")).toBe("enterprise exercise expertise");
  });

  it("gives the same key to the spelling variants people actually write", () => {
    const forms = ["Data Cleaning", "data-cleaning", "DATA  CLEANING", "data cleaning."];
    expect(new Set(forms.map(normalizeSkillText)).size).toBe(1);
  });
});

describe("coreSkillText", () => {
  it.each([
    ["Microsoft Excel (Advanced)", "microsoft excel"],
    ["Proficiency in SQL", "sql"],
    ["Excellent communication skills", "communication"],
    ["Data entry skills", "data entry"],
    ["Food Safety Level 2", "food safety"],
    ["Lean Six Sigma Yellow Belt", "lean six sigma"],
    ["Advanced", ""],
  ])("%j → %j", (input, expected) => {
    expect(coreSkillText(input)).toBe(expected);
  });

  it("can strip the end only, keeping a leading word that belongs to the name", () => {
    expect(coreSkillText("Basic Life Support skills")).toBe("life support");
    expect(coreSkillText("Basic Life Support skills", "end")).toBe("basic life support");
    expect(coreSkillText("Excel (expert) proficiency in macros")).toBe("excel proficiency in macro");
  });

  it("withoutBrackets drops only bracketed notes", () => {
    expect(withoutBrackets("Basic Life Support (BLS)")).toBe("basic life support");
  });
});

describe("singular and slugify", () => {
  it("reduces simple plurals", () => {
    expect(singular("skills")).toBe("skill");
    expect(singular("processes")).toBe("process");
    expect(singular("status")).toBe("status");
    expect(singular("aws")).toBe("aws");
  });
  it("makes stable ids", () => {
    expect(slugify("Microsoft Excel")).toBe("microsoft-excel");
    expect(slugify("C++")).toBe("c-plus-plus");
    expect(slugify("C#")).toBe("c-sharp");
    expect(slugify("R (programming language)")).toBe("r-programming-language");
  });
});
