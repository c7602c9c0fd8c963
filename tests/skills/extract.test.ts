// Skills named in prose (a pasted posting, a page without JSON-LD), found through the matcher.
import { describe, expect, it } from "vitest";
import { buildSkillIndex, libraryIndex } from "@/lib/skills";
import { EXTRACT_LIMITS, findSkillsInText } from "@/lib/skills/extract";
import { PASTED_POSTING, PASTED_POSTING_SKILLS } from "../support/job-pages";

const labels = (text: string) => findSkillsInText(text, libraryIndex()).skills.map((s) => s.skill.label);

describe("findSkillsInText", () => {
  it("finds the skills a pasted posting names, in order of first mention", () => {
    const found = findSkillsInText(PASTED_POSTING, libraryIndex());
    expect(found.skills.map((s) => s.skill.label)).toEqual(PASTED_POSTING_SKILLS);
    expect(found.truncated).toBe(false);
    // What the posting wrote is kept, for the learner to judge the match.
    const written = Object.fromEntries(found.skills.map((s) => [s.skill.label, s.text]));
    expect(written["Dashboard design"]).toBe("dashboards");
    expect(written["Data visualization"]).toBe("Data visualisation");
  });

  it("matches phrases by their longest name, aliases, plurals and British spellings", () => {
    expect(labels("We use MS Excel and Power BI")).toEqual(["Microsoft Excel", "Microsoft Power BI"]);
    expect(labels("Strong organisational skills")).toEqual(["Organization"]);
    expect(labels("Forklifts, spreadsheets")).toEqual(["Forklift operation", "Spreadsheet modeling"]);
    // "machine learning" is one skill, not "Machine" + "Learning".
    expect(labels("machine learning")).toEqual(["Machine learning"]);
  });

  it("counts repeated mentions once, and stops at punctuation between names", () => {
    const found = findSkillsInText("SQL. More SQL; SQL again", libraryIndex());
    expect(found.skills).toHaveLength(1);
    expect(found.skills[0]).toMatchObject({ text: "SQL", count: 3 });
  });

  it("takes short names and everyday words only as written by the skill's own name", () => {
    expect(labels("Experience with R and Go")).toEqual(["R (programming language)", "Go (programming language)"]);
    expect(labels("you will go to r meetings, a go-getter")).toEqual([]);
    expect(labels("Go-getter wanted")).toEqual([]);
    expect(labels("You excel at sql, in other words")).toEqual([]);
    expect(labels("Excel's charts, SQL-based reports")).toEqual(["Microsoft Excel"]);
  });

  it("uses the index it is given (an imported taxonomy's skills too)", () => {
    const index = buildSkillIndex([
      { id: "esco:1", label: "operate forklift", source: "esco", aliases: ["drive forklift trucks"] },
      { id: "esco:2", label: "manage warehouse", source: "esco" },
    ]);
    const found = findSkillsInText("You will drive forklift trucks and manage warehouses.", index);
    expect(found.skills.map((s) => s.skill.id)).toEqual(["esco:1", "esco:2"]);
  });

  it("reads at most EXTRACT_LIMITS.textChars of a huge text", () => {
    const filler = "lorem ipsum dolor ".repeat(EXTRACT_LIMITS.textChars / 18 + 10);
    const found = findSkillsInText(`${filler} Python`, libraryIndex());
    expect(found.truncated).toBe(true);
    expect(found.skills).toEqual([]);
    expect(findSkillsInText(`Python ${filler}`, libraryIndex()).skills.map((s) => s.skill.label)).toEqual(["Python"]);
  });
});
